namespace GitLabConnector.Secrets;

/// <summary>Log messages of the Secrets capability (event ids 1100–1199). Names and versions only, never values.</summary>
internal static partial class SecretsLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning,
        Message = "Secrets are stored UNENCRYPTED on local disk at {Path}; configure Connector__KeyVaultUri for anything but local development")]
    public static partial void LocalSecretsUnencrypted(ILogger logger, string path);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "Key Vault unavailable during {Operation} of secret {SecretName} (status {Status})")]
    public static partial void KeyVaultUnavailable(ILogger logger, string operation, string secretName, int status, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "Secret store unavailable (status {Status}); serving cached version {Version} of secret {SecretName} fetched at {FetchedAt:o}")]
    public static partial void ServingCachedSecretDuringOutage(ILogger logger, int status, string version, string secretName, DateTimeOffset fetchedAt);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error,
        Message = "Local secrets file {Path} cannot be read or written")]
    public static partial void LocalSecretsFileFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information,
        Message = "Secret store: {StoreKind} ({Location})")]
    public static partial void SecretStoreSelected(ILogger logger, string storeKind, string location);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Debug,
        Message = "Secret {SecretName} deleted (existed: {Existed})")]
    public static partial void SecretDeleted(ILogger logger, string secretName, bool existed);
}
