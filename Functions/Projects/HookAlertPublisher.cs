using GitLabConnector.Storage;

namespace GitLabConnector.Projects;

/// <summary>
/// Raises a <c>hook-disabled</c> alert the way token alerts are raised: log event 1710 first (it cannot fail), then a
/// <c>gitlab-connector/alert@1</c> message on the alerts queue, created on first use.
/// </summary>
public sealed class HookAlertPublisher(IQueueService queues, IOptions<QueueOptions> options, TimeProvider time, ILogger<HookAlertPublisher> logger)
{
    public const string Schema = "gitlab-connector/alert@1";
    public const string Kind = "hook-disabled";

    public async Task PublishAsync(string connectionId, string owner, long ownerId, HookState hook, bool canReEnable, CancellationToken cancellationToken)
    {
        var action = canReEnable
            ? "The connector re-enables it with a test delivery and resends failed deliveries it can; check why deliveries failed."
            : "Give the token the api scope so the connector can re-enable it, or re-enable it in GitLab (Settings → Webhooks → Test); events are dropped while it is disabled.";
        ProjectsLog.HookDisabled(logger, connectionId, hook.AlertStatus, owner, ownerId, hook.Id, hook.DisabledUntil, action);

        var now = time.GetUtcNow();
        var message = new HookAlertMessage(
            Schema, Guid.CreateVersion7(now).ToString("N"), connectionId, Kind, hook.AlertStatus == "disabled" ? "error" : "warning", hook.AlertStatus,
            $"GitLab disabled the connector's {owner} hook {hook.Id} on {owner} {ownerId} after failed deliveries.", action, now, 1710, owner, ownerId, hook.Id, hook.DisabledUntil);
        var text = JsonSerializer.Serialize(message, HookAlertJsonContext.Default.HookAlertMessage);
        try
        {
            await queues.SendCreatingQueueAsync(options.Value.Alerts, text, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            ProjectsLog.AlertQueueFailed(logger, connectionId, e);
        }
    }
}
