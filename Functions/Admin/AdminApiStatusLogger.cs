using GitLabConnector.Configuration;

namespace GitLabConnector.Admin;

/// <summary>
/// Says at start-up whether the admin API is reachable and how it is protected. Run as background work, so the line (often
/// the process's first, which pays for setting up the console logger) is written beside the start, not in its way.
/// </summary>
public sealed class AdminApiStatusLogger(HostingMode mode, IOptions<AdminOptions> options, ILogger<AdminApiStatusLogger> logger)
{
    public void Run()
    {
        if (mode.IsFunctionsHost || !string.IsNullOrEmpty(options.Value.AdminKey))
        {
            AdminLog.Enabled(logger, mode.IsFunctionsHost ? "function keys checked by the Functions host" : "x-functions-key must equal Connector:AdminKey");
        }
        else
        {
            AdminLog.Disabled(logger);
        }
    }
}
