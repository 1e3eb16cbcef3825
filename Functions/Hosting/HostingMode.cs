namespace GitLabConnector.Hosting;

/// <summary>
/// Functions mode when the Functions host started us (it sets <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>);
/// otherwise standalone mode with our own queue consumers and scheduler.
/// </summary>
public sealed record HostingMode(bool IsFunctionsHost, string ListenUrl)
{
    public const string CustomHandlerPortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public bool IsStandalone => !IsFunctionsHost;

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
        return new HostingMode(false, string.IsNullOrWhiteSpace(urls) ? new ConnectorOptions().Urls : urls);
    }
}
