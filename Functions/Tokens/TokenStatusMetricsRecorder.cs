namespace GitLabConnector.Tokens;

/// <summary>
/// Wraps the token status store: every status the token monitor saves also records the token's days left, so the
/// workbook charts it per connection without the monitor knowing about telemetry.
/// </summary>
public sealed class TokenStatusMetricsRecorder(ITokenStatusStore inner, TokenMetrics metrics) : ITokenStatusStore
{
    public Task<TokenStatus?> GetAsync(string connectionId, CancellationToken cancellationToken) => inner.GetAsync(connectionId, cancellationToken);

    public async Task<TokenStatus> SaveAsync(TokenStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var saved = await inner.SaveAsync(status, cancellationToken).ConfigureAwait(false);
        if (status.DaysLeft is { } daysLeft)
        {
            metrics.RecordDaysLeft(status.ConnectionId, daysLeft, status.State);
        }

        return saved;
    }
}
