using GitLabConnector.Storage;

namespace GitLabConnector.Tokens;

/// <summary>
/// Raises an alert as a log event with its stable id (1601–1607), then a message on the alerts queue. The log event comes
/// first and cannot fail, so a queue outage loses no alert (logged as 1619).
/// </summary>
public sealed class TokenAlertPublisher(IQueueService queues, IOptions<QueueOptions> options, TimeProvider time, ILogger<TokenAlertPublisher> logger)
{
    public const string Schema = "gitlab-connector/alert@1";

    public async Task<bool> PublishAsync(TokenAlert alert, CancellationToken cancellationToken)
    {
        Log(alert);
        var queue = options.Value.Alerts;
        var now = time.GetUtcNow();
        var message = new TokenAlertMessage(Schema, Guid.CreateVersion7(now).ToString("N"), alert.ConnectionId, alert.KindName, alert.Severity,
            alert.State, alert.DaysLeft, alert.ExpiresAt, alert.Threshold, alert.Message, alert.Action, now, (int)alert.Kind);
        var text = JsonSerializer.Serialize(message, TokenAlertJsonContext.Default.TokenAlertMessage);
        try
        {
            await queues.SendCreatingQueueAsync(queue, text, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e)
        {
            TokenLog.AlertQueueFailed(logger, alert.KindName, alert.ConnectionId, e);
            return false;
        }
    }

    private void Log(TokenAlert alert)
    {
        Action<ILogger, string, string, string> log = alert.Kind switch
        {
            TokenAlertKind.TokenExpiring => (l, id, message, action) => TokenLog.TokenExpiring(l, id, alert.DaysLeft, alert.Threshold, message, action),
            TokenAlertKind.TokenExpired => TokenLog.TokenExpired,
            TokenAlertKind.TokenRevoked => TokenLog.TokenRevoked,
            TokenAlertKind.TokenInvalid => TokenLog.TokenInvalid,
            TokenAlertKind.TokenRotated => (l, id, message, _) => TokenLog.TokenRotated(l, id, message),
            TokenAlertKind.RotationFailed => TokenLog.RotationFailed,
            _ => TokenLog.RotatedTokenNotPersisted,
        };
        log(logger, alert.ConnectionId, alert.Message, alert.Action);
    }
}
