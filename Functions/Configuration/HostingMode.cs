namespace GitLabConnector.Configuration;

/// <summary>
/// Functions mode when the Functions host started us as its worker (it passes its gRPC endpoint as
/// <c>--functions-uri</c>, or <c>Functions:Worker:HostEndpoint</c> is set); otherwise standalone, serving the same routes
/// on <c>Connector:Urls</c> with our own queue consumer and schedule.
/// </summary>
public sealed record HostingMode(bool IsFunctionsHost, string ListenUrl)
{
    /// <summary>Standalone only: <c>Connector__Workers=false</c> runs ingestion and the admin API without queue consumers or timers (an ingest-only instance).</summary>
    public const string WorkersSetting = "Connector:Workers";

    /// <summary>Standalone listen address(es), <c>;</c>-separated as Kestrel takes them.</summary>
    public const string UrlsSetting = "Connector:Urls";

    public const string DefaultUrls = "http://127.0.0.1:7071";

    public bool IsStandalone => !IsFunctionsHost;

    /// <summary>Whether this standalone instance runs queue consumers and timers.</summary>
    public bool RunsWorkers { get; init; } = true;

    /// <summary>Under the host: the worker listens where the host tells it, not on a URL of ours.</summary>
    public static HostingMode FunctionsHost { get; } = new(true, string.Empty) { RunsWorkers = false };

    /// <summary>Whether the host started this process: the arguments it passes, or the worker's endpoint setting in the environment.</summary>
    public static bool IsStartedByFunctionsHost(IReadOnlyList<string> args) =>
        args.Any(a => a.StartsWith("--functions-uri", StringComparison.Ordinal))
        || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("Functions__Worker__HostEndpoint"));

    public static HostingMode Standalone(IConfiguration configuration)
    {
        var urls = configuration[UrlsSetting];
        return new HostingMode(false, string.IsNullOrWhiteSpace(urls) ? DefaultUrls : urls)
        {
            RunsWorkers = !bool.TryParse(configuration[WorkersSetting], out var workers) || workers,
        };
    }
}
