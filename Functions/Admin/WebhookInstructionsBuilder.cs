using GitLabConnector.Connections;
using GitLabConnector.GitLab;

namespace GitLabConnector.Admin;

/// <summary>Writes the steps a person follows in GitLab's webhook form, naming boxes as GitLab's UI shows them.</summary>
public static class WebhookInstructionsBuilder
{
    public static WebhookInstructions Build(ConnectionRecord connection, Uri webhookUrl, string secret, string? signingToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var events = WebhookTriggers.Expand(connection.Events);
        var boxes = WebhookTriggers.Boxes(connection.Events);
        var steps = new List<string>
        {
            "In GitLab, open your project → Settings → Webhooks → Add new webhook (for a group: the group → Settings → Webhooks).",
            $"URL: {webhookUrl}",
            "Secret token: paste the webhookSecret shown here.",
        };
        if (signingToken is not null)
        {
            steps.Add("Signing token (GitLab 19+): paste the signingToken shown here.");
        }

        steps.Add($"Trigger: tick {string.Join(", ", boxes.Select(b => $"\"{b}\""))}.");
        steps.Add("Keep \"Enable SSL verification\" on.");
        steps.Add("Select \"Add webhook\" (Save).");
        steps.Add("Then select Test → \"Push events\" on the new webhook: GitLab should report HTTP 202.");
        if (WebhookTriggers.WithoutTrigger(connection.Events) is { Count: > 0 } untriggered)
        {
            steps.Add($"These subscribed events have no box on project or group webhooks: {string.Join(", ", untriggered)}.");
        }

        return new WebhookInstructions(webhookUrl.ToString(), secret, signingToken, events, boxes, steps);
    }

    public static IReadOnlyList<string> FlagsFor(ConnectionRecord connection, GitLabHookOwner owner)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return WebhookTriggers.Flags(connection.Events, owner);
    }
}
