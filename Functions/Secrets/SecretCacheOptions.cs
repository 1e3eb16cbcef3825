namespace GitLabConnector.Secrets;

/// <summary>Tuning of <see cref="CachingSecretStore"/>.</summary>
public sealed class SecretCacheOptions
{
    /// <summary>How long a latest-version read is trusted before the store is asked again (rotation by another instance shows up within it).</summary>
    public TimeSpan LatestTtl { get; set; } = TimeSpan.FromSeconds(30);
}
