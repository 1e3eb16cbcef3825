namespace GitLabConnector.Hosting;

/// <summary>
/// Functions mode when the Functions host started us (it sets <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>);
/// otherwise standalone mode with our own queue consumers and scheduler.
/// </summary>
public sealed record HostingMode(bool IsFunctionsHost, string ListenUrl)
{
    public const string CustomHandlerPortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Standalone only: <c>Connector__Workers=false</c> runs ingestion and the admin API without queue consumers or timers (an ingest-only instance).</summary>
    public const string WorkersSetting = "Connector:Workers";

    public bool IsStandalone => !IsFunctionsHost;

    /// <summary>Whether this standalone instance runs queue consumers and timers.</summary>
    public bool RunsWorkers { get; init; } = true;

    public static HostingMode Detect(IConfiguration configuration)
    {
        var port = configuration[CustomHandlerPortSetting];
        if (!string.IsNullOrWhiteSpace(port))
        {
            if (!int.TryParse(port, out var p) || p is <= 0 or > 65535)
            {
                throw new InvalidOperationException($"{CustomHandlerPortSetting}: '{port}' is not a TCP port");
            }

            return new HostingMode(true, $"http://127.0.0.1:{p}");
        }

        var urls = configuration[$"{ConnectorOptions.Section}:Urls"];
        return new HostingMode(false, string.IsNullOrWhiteSpace(urls) ? new ConnectorOptions().Urls : urls)
        {
            RunsWorkers = !bool.TryParse(configuration[WorkersSetting], out var workers) || workers,
        };
    }
}
