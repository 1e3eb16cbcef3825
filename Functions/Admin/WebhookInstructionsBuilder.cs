using GitLabConnector.Connections;

namespace GitLabConnector.Admin;

/// <summary>Writes the steps a person follows in GitLab's webhook form, naming boxes as GitLab's UI shows them.</summary>
public static class WebhookInstructionsBuilder
{
    public static WebhookInstructions Build(ConnectionRecord connection, Uri webhookUrl, string secret, string? signingToken)
    {
        var boxes = WebhookTriggers.Boxes(connection.Events);
        var untriggered = WebhookTriggers.WithoutTrigger(connection.Events);
        string[] steps =
        [
            "In GitLab, open your project → Settings → Webhooks → Add new webhook (for a group: the group → Settings → Webhooks).",
            $"URL: {webhookUrl}",
            "Secret token: paste the webhookSecret shown here.",
            .. signingToken is null ? [] : new[] { "Signing token (GitLab 19+): paste the signingToken shown here." },
            $"Trigger: tick {string.Join(", ", boxes.Select(b => $"\"{b}\""))}.",
            .. webhookUrl.Scheme == Uri.UriSchemeHttps ? new[] { "Keep \"Enable SSL verification\" on." } : [],
            "Select \"Add webhook\" (Save).",
            "Then select Test → \"Push events\" on the new webhook: GitLab should report HTTP 202.",
            .. untriggered.Count == 0 ? [] : new[] { $"These subscribed events have no box on project or group webhooks: {string.Join(", ", untriggered)}." },
        ];
        return new WebhookInstructions(webhookUrl.ToString(), secret, signingToken, WebhookTriggers.Expand(connection.Events), boxes, steps);
    }
}
