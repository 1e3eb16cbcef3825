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
        switch (alert.Kind)
        {
            case TokenAlertKind.TokenExpiring:
                TokenLog.TokenExpiring(logger, alert.ConnectionId, alert.DaysLeft, alert.Threshold, alert.Message, alert.Action);
                break;
            case TokenAlertKind.TokenExpired:
                TokenLog.TokenExpired(logger, alert.ConnectionId, alert.Message, alert.Action);
                break;
            case TokenAlertKind.TokenRevoked:
                TokenLog.TokenRevoked(logger, alert.ConnectionId, alert.Message, alert.Action);
                break;
            case TokenAlertKind.TokenInvalid:
                TokenLog.TokenInvalid(logger, alert.ConnectionId, alert.Message, alert.Action);
                break;
            case TokenAlertKind.TokenRotated:
                TokenLog.TokenRotated(logger, alert.ConnectionId, alert.Message);
                break;
            case TokenAlertKind.RotationFailed:
                TokenLog.RotationFailed(logger, alert.ConnectionId, alert.Message, alert.Action);
                break;
            default:
                TokenLog.RotatedTokenNotPersisted(logger, alert.ConnectionId, alert.Message, alert.Action);
                break;
        }
    }
}
