namespace GitLabConnector.Connections;

public sealed class ConnectionCacheOptions
{
    public const string Section = "Connector";

    /// <summary>Another instance's disconnect takes effect within it.</summary>
    public TimeSpan ConnectionCacheTtl { get; set; } = TimeSpan.FromSeconds(15);
}
