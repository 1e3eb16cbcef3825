using GitLabConnector.Hosting;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Connections;

/// <summary>
/// Says at start-up whether the admin API is reachable and how it is protected. A background service, so the line (often
/// the process's first, which pays for setting up the console logger) is written beside the start, not in its way.
/// </summary>
public sealed class AdminApiStatusLogger(HostingMode mode, IOptions<ConnectorOptions> options, ILogger<AdminApiStatusLogger> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (mode.IsFunctionsHost)
        {
            AdminLog.Enabled(logger, "function keys checked by the Functions host");
        }
        else if (string.IsNullOrEmpty(options.Value.AdminKey))
        {
            AdminLog.Disabled(logger);
        }
        else
        {
            AdminLog.Enabled(logger, "x-functions-key must equal Connector:AdminKey");
        }

        return Task.CompletedTask;
    }
}
