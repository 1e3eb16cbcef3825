using GitLabConnector.Admin;
using GitLabConnector.Configuration;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;

namespace GitLabConnector.Health;

/// <summary>
/// <c>GET /api/health</c>: ready when storage and the secret store answer within a short timeout; 200 when ready, 503
/// otherwise. Anyone may ask, so the answer is cheap: the dependencies are probed at most once per
/// <see cref="CacheFor"/> (concurrent askers share one probe) and an anonymous caller sees the overall status only —
/// the per-dependency detail needs the admin key. Reports reachability only, never settings or secrets.
/// </summary>
public sealed class HealthCheck(IQueueService queues, ISecretStore secrets, IOptions<AdminOptions> admin, IOptions<QueueOptions> options, HostingMode mode, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private (Task<Dictionary<string, string>> Probe, long StartedAt)? _last;

    /// <summary>The answer for this request: with the admin key, each dependency's reachability too.</summary>
    public async Task<IResult> CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var checks = await Checks().WaitAsync(cancellationToken).ConfigureAwait(false);
        var ok = checks.Values.All(v => v == "ok");
        var detailed = AdminKeyFilter.HasAdminKey(request, admin.Value);
        var report = new HealthReport(ok ? "ok" : "degraded", mode.IsFunctionsHost ? "functions" : "standalone", detailed ? checks : null);
        return ok ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    // Askers share the probe in flight, and a finished one until CacheFor after it started.
    private Task<Dictionary<string, string>> Checks()
    {
        lock (_gate)
        {
            if (_last is not { } last || (last.Probe.IsCompleted && time.GetElapsedTime(last.StartedAt) >= CacheFor))
            {
                _last = last = (ProbeAllAsync(), time.GetTimestamp());
            }

            return last.Probe;
        }
    }

    private async Task<Dictionary<string, string>> ProbeAllAsync()
    {
        var storage = ProbeAsync(async ct =>
        {
            await queues.ReachAsync(options.Value.Events, ct).ConfigureAwait(false);
            return true;
        });
        var secretStore = ProbeAsync(secrets.IsAvailableAsync);
        await Task.WhenAll(storage, secretStore).ConfigureAwait(false);
        return new Dictionary<string, string>
        {
            ["storage"] = storage.Result ? "ok" : "unreachable",
            ["secrets"] = secretStore.Result ? "ok" : "unreachable",
        };
    }

    // Not the caller's token: one caller giving up must not fail the probe every other caller shares.
    private static async Task<bool> ProbeAsync(Func<CancellationToken, Task<bool>> probe)
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        try
        {
            return await probe(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or SecretStoreUnavailableException or OperationCanceledException or HttpRequestException)
        {
            return false;
        }
    }
}
