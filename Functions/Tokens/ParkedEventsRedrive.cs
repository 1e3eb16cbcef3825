using GitLabConnector.Enrichment;

namespace GitLabConnector.Tokens;

internal static class ParkedEventsRedrive
{
    public static async Task RedriveAsync(IParkedEvents parked, string connectionId, bool onlyIfAny, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            if (onlyIfAny && await parked.CountAsync(connectionId, cancellationToken).ConfigureAwait(false) == 0)
            {
                return;
            }

            var count = await parked.RedriveAsync(connectionId, cancellationToken).ConfigureAwait(false);
            TokenLog.Redriven(logger, connectionId, count);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Parked events stay parked; the next run (which finds them by count) tries again.
            TokenLog.RedriveFailed(logger, connectionId, e);
        }
    }
}
