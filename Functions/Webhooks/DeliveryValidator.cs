using GitLabConnector.GitLabEvents;

namespace GitLabConnector.Webhooks;

/// <summary>
/// What GitLab must have sent: a known <c>X-Gitlab-Event</c>, a JSON object body (valid UTF-8, bounded depth), and an
/// <c>object_kind</c> — when present — that belongs to that event.
/// </summary>
public static class DeliveryValidator
{
    // The envelope wraps the body one level deeper and enrichment reads it with the default limit of 64.
    public const int MaxPayloadDepth = 63;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = MaxPayloadDepth };

    public static DeliveryValidation Validate(string? eventHeader, ReadOnlyMemory<byte> body)
    {
        if (string.IsNullOrEmpty(eventHeader))
        {
            return DeliveryValidation.Fail("missing-event", "The X-Gitlab-Event header is missing.");
        }

        var eventName = GitLabEventCatalog.Canonicalize(eventHeader);
        if (eventName is null)
        {
            return DeliveryValidation.Fail("unknown-event", "The X-Gitlab-Event header names an event this connector does not know.");
        }

        if (body.IsEmpty)
        {
            return DeliveryValidation.Fail("empty-body", "The request body is empty; GitLab sends a JSON object.");
        }

        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return DeliveryValidation.Fail("invalid-json", "The request body is not valid UTF-8.");
        }

        string? objectKind = null;
        try
        {
            using var document = JsonDocument.Parse(body, ParseOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return DeliveryValidation.Fail("not-an-object", "The request body is JSON but not a JSON object.");
            }

            if (root.TryGetProperty("object_kind", out var kind) && kind.ValueKind != JsonValueKind.String)
            {
                return DeliveryValidation.Fail("bad-object-kind", "object_kind must be a string.");
            }

            // Valid JSON may escape a lone surrogate ("\ud800"); reading it as a .NET string throws rather than returning garbage.
            objectKind = kind.ValueKind == JsonValueKind.String ? kind.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return DeliveryValidation.Fail("bad-object-kind", "object_kind is not a valid string (it escapes a lone UTF-16 surrogate).");
        }
        catch (JsonException)
        {
            return DeliveryValidation.Fail("invalid-json", "The request body is not valid JSON (or not UTF-8, or nested too deeply).");
        }

        return GitLabEventCatalog.IsConsistent(eventName, objectKind)
            ? new DeliveryValidation(true, eventName, objectKind, null, null)
            : DeliveryValidation.Fail("kind-mismatch", $"object_kind does not match the {eventName} event.");
    }
}

/// <param name="ObjectKind"><c>object_kind</c>; null for bodies without one (Member, Project, Subgroup hooks).</param>
/// <param name="Reason">A stable reason code for logs and metrics when invalid.</param>
public sealed record DeliveryValidation(bool IsValid, string? EventName, string? ObjectKind, string? Reason, string? Detail)
{
    public static DeliveryValidation Fail(string reason, string detail) => new(false, null, null, reason, detail);
}
