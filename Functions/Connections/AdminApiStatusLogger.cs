using GitLabConnector.Hosting;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Connections;

/// <summary>Says at start-up whether the admin API is reachable and how it is protected.</summary>
public sealed class AdminApiStatusLogger(HostingMode mode, IOptions<ConnectorOptions> options, ILogger<AdminApiStatusLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
