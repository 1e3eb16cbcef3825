namespace GitLabConnector.Connections;

/// <summary>Settings under <c>Connector</c> for <see cref="ConnectionCache"/>.</summary>
public sealed class ConnectionCacheOptions
{
    public const string Section = "Connector";

    /// <summary>How long ingestion trusts its cached view of a connection (disconnect takes effect within it).</summary>
    public TimeSpan ConnectionCacheTtl { get; set; } = TimeSpan.FromSeconds(15);
}
