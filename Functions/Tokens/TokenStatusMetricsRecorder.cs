namespace GitLabConnector.Tokens;

/// <summary>Records the days left of every saved status, so the workbook charts it without the monitor knowing telemetry.</summary>
public sealed class TokenStatusMetricsRecorder(ITokenStatusStore inner, TokenMetrics metrics) : ITokenStatusStore
{
    public Task<TokenStatus?> GetAsync(string connectionId, CancellationToken cancellationToken) => inner.GetAsync(connectionId, cancellationToken);

    public async Task<TokenStatus> SaveAsync(TokenStatus status, CancellationToken cancellationToken)
    {
        var saved = await inner.SaveAsync(status, cancellationToken).ConfigureAwait(false);
        if (status.DaysLeft is { } daysLeft)
        {
            metrics.RecordDaysLeft(status.ConnectionId, daysLeft, status.State);
        }

        return saved;
    }
}
