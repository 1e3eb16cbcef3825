using GitLabConnector.Hosting;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Health;

/// <summary>
/// The process is live if it answers; it is ready when storage and the secret store answer within a short timeout.
/// 200 when ready, 503 otherwise. Reports reachability only — never settings or secrets.
/// </summary>
public sealed class HealthCheck(IQueueService queues, ISecretStore secrets, IOptions<ConnectorOptions> options, HostingMode mode)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public async Task<IResult> CheckAsync(CancellationToken cancellationToken)
    {
        var storage = ProbeAsync(async ct =>
        {
            try
            {
                await queues.GetApproximateMessageCountAsync(options.Value.Queues.Events, ct).ConfigureAwait(false);
            }
            catch (StorageRequestFailedException e) when (e.Status == 404)
            {
                // The queue is created on first delivery; reaching the service is what matters.
            }

            return true;
        }, cancellationToken);
        var secretStore = ProbeAsync(secrets.IsAvailableAsync, cancellationToken);
        await Task.WhenAll(storage, secretStore).ConfigureAwait(false);

        var report = new HealthReport(
            Status: storage.Result && secretStore.Result ? "ok" : "degraded",
            Mode: mode.IsFunctionsHost ? "functions" : "standalone",
            Checks: new Dictionary<string, string>
            {
                ["storage"] = storage.Result ? "ok" : "unreachable",
                ["secrets"] = secretStore.Result ? "ok" : "unreachable",
            });
        return report.Status == "ok" ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<bool> ProbeAsync(Func<CancellationToken, Task<bool>> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            return await probe(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StorageRequestFailedException or SecretStoreUnavailableException or OperationCanceledException or HttpRequestException)
        {
            return false;
        }
    }
}
