namespace GitLabConnector.Tests.Webhooks;

/// <summary>Deliveries that look hostile but are valid per docs/webhooks.md: accepted with 202 and queued in a form the consumer can read.</summary>
public static class OddButValidCases
{
    private static readonly string NestedAtTheLimit = "{\"object_kind\":\"push\",\"a\":" + new string('[', GitLabConnector.Webhooks.DeliveryValidator.MaxPayloadDepth - 1) + new string(']', GitLabConnector.Webhooks.DeliveryValidator.MaxPayloadDepth - 1) + "}";

    public static IReadOnlyList<HostileCase> All { get; } =
    [
        new("number 1e400 inside the object", 202) { Body = HostileCase.Text("{\"object_kind\":\"push\",\"n\":1e400}") },
        new("100-digit integer inside the object", 202) { Body = HostileCase.Text("{\"object_kind\":\"push\",\"n\":" + new string('9', 100) + "}") },
        new("lone surrogate escape in another field", 202) { Body = HostileCase.Text("{\"object_kind\":\"push\",\"s\":\"\\ud800\"}") },
        new("nesting at the accepted limit", 202) { Body = HostileCase.Text(NestedAtTheLimit) },
        new("empty object without object_kind", 202) { Body = HostileCase.Text("{}") },
        new("emoji and escapes", 202) { Body = HostileCase.Text("{\"object_kind\":\"push\",\"m\":\"\u2603 \\u00e9 \\\" \\\\ \\/\",\"\u00fc\":1}") },
        new("charset parameter", 202) { ContentType = "application/json; charset=utf-8" },
        new("structured +json media type", 202) { ContentType = "application/vnd.gitlab+json" },
        new("upper-case media type", 202) { ContentType = "APPLICATION/JSON" },
        new("upper-case event name", 202) { Event = "PUSH HOOK" },
        new("unsafe X-Gitlab-Instance is dropped", 202) { Headers = [new("X-Gitlab-Instance", "javascript:alert(1)")] },
        new("unsafe X-Gitlab-Webhook-UUID is dropped", 202) { Headers = [new("X-Gitlab-Webhook-UUID", "../../x")] },
        new("Idempotency-Key of 128 characters", 202) { Headers = [new("Idempotency-Key", new string('k', 128))] },
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var odd in All)
        {
            data.Add(odd.Name);
        }

        return data;
    }

    public static HostileCase Named(string name) => All.Single(c => c.Name == name);
}
