using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace GitLabConnector.Storage;

/// <summary>
/// Where storage lives, read from <c>AzureWebJobsStorage</c> as the Functions host reads it: a connection string, or the
/// identity-based <c>__queueServiceUri</c>, <c>__tableServiceUri</c>, <c>__blobServiceUri</c> or <c>__accountName</c>,
/// which the SDK's own configuration binding does not know.
/// </summary>
public sealed class StorageAccount
{
    public const string SettingName = "AzureWebJobsStorage";
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string? _connectionString;
    private readonly IConfigurationSection _identitySettings;

    private StorageAccount(string? connectionString, IConfigurationSection identitySettings)
    {
        _connectionString = connectionString;
        _identitySettings = identitySettings;
    }

    /// <summary>Throws naming <c>AzureWebJobsStorage</c> when neither a connection string nor identity-based settings are present.</summary>
    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        var connectionString = NullIfBlank(section.Value) ?? NullIfBlank(configuration.GetConnectionString(SettingName));
        if (connectionString is null && !new[] { "accountName", "queueServiceUri", "tableServiceUri", "blobServiceUri", "serviceUri" }.Any(k => NullIfBlank(section[k]) is not null))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {SettingName} to a connection string (or UseDevelopmentStorage=true), " +
                $"or use identity-based settings {SettingName}__accountName / {SettingName}__queueServiceUri, __tableServiceUri, __blobServiceUri.");
        }

        return new StorageAccount(connectionString, section);
    }

    public QueueServiceClient CreateQueueServiceClient(TokenCredential credential, QueueClientOptions options) =>
        _connectionString is { } connection
            ? Parse(() => new QueueServiceClient(connection, options))
            : new QueueServiceClient(ServiceUri("queue"), credential, options);

    public TableServiceClient CreateTableServiceClient(TokenCredential credential, TableClientOptions options) =>
        _connectionString is { } connection
            ? Parse(() => new TableServiceClient(connection, options))
            : new TableServiceClient(ServiceUri("table"), credential, options);

    public BlobServiceClient CreateBlobServiceClient(TokenCredential credential, BlobClientOptions options) =>
        _connectionString is { } connection
            ? Parse(() => new BlobServiceClient(connection, options))
            : new BlobServiceClient(ServiceUri("blob", "serviceUri"), credential, options);

    private Uri ServiceUri(string service, string? alternativeKey = null)
    {
        var key = service + "ServiceUri";
        var value = NullIfBlank(_identitySettings[key]) ?? (alternativeKey is null ? null : NullIfBlank(_identitySettings[key = alternativeKey]));
        if (value is not null)
        {
            return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? uri
                : throw new InvalidOperationException($"The setting {SettingName}__{key} is not an absolute http(s) URI.");
        }

        return NullIfBlank(_identitySettings["accountName"]) is { } account
            ? new Uri($"https://{account}.{service}.core.windows.net/")
            : throw new InvalidOperationException(
                $"The {service} service endpoint is not configured: set {SettingName}__{service}ServiceUri or {SettingName}__accountName.");
    }

    // The SDK's parse errors do not echo the connection string (it holds the account key), so they can be passed on.
    private static T Parse<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException($"The setting {SettingName} is not a valid storage connection string: {e.Message}", e);
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
