using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace GitLabConnector.Storage;

/// <summary>
/// Where storage lives and how to authenticate, read from the <c>AzureWebJobsStorage</c> setting the same way
/// the Functions host reads it: <c>UseDevelopmentStorage=true</c>, a connection string, or identity-based
/// settings (<c>AzureWebJobsStorage__accountName</c> or <c>__queueServiceUri</c>/<c>__tableServiceUri</c>/<c>__blobServiceUri</c>,
/// with <c>__credential=managedidentity</c> and <c>__clientId</c>).
/// </summary>
public sealed class StorageConnection
{
    public const string DefaultSectionName = "AzureWebJobsStorage";
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public const string TokenScope = "https://storage.azure.com/.default";

    private readonly string _settingName;

    private StorageConnection(string settingName, Uri? blob, Uri? queue, Uri? table, StorageSharedKeyCredential? sharedKey, TokenCredential? tokenCredential)
    {
        _settingName = settingName;
        BlobEndpoint = blob;
        QueueEndpoint = queue;
        TableEndpoint = table;
        SharedKey = sharedKey;
        TokenCredential = tokenCredential;
    }

    public Uri? BlobEndpoint { get; }

    public Uri? QueueEndpoint { get; }

    public Uri? TableEndpoint { get; }

    /// <summary>Set for connection strings with an account key (Azurite, or accounts that allow shared keys).</summary>
    public StorageSharedKeyCredential? SharedKey { get; }

    /// <summary>Set for identity-based settings.</summary>
    public TokenCredential? TokenCredential { get; }

    /// <summary>The endpoint of one service; throws naming the missing setting when it is not configured.</summary>
    public Uri GetEndpoint(StorageServiceKind service) => service switch
    {
        StorageServiceKind.Blob => BlobEndpoint,
        StorageServiceKind.Queue => QueueEndpoint,
        StorageServiceKind.Table => TableEndpoint,
        _ => null,
    } ?? throw new InvalidOperationException(
        $"The {service.ToString().ToLowerInvariant()} service endpoint is not configured: set {_settingName}__{service.ToString().ToLowerInvariant()}ServiceUri or {_settingName}__accountName.");

    public static StorageConnection FromConfiguration(IConfiguration configuration, string sectionName = DefaultSectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(sectionName);
        var connectionString = section.Value;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = configuration.GetConnectionString(sectionName);
        }

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString, sectionName);
        }

        var accountName = Setting(section, "accountName");
        var blob = ServiceUri(section, "blobServiceUri") ?? ServiceUri(section, "serviceUri") ?? AccountEndpoint(accountName, "blob");
        var queue = ServiceUri(section, "queueServiceUri") ?? AccountEndpoint(accountName, "queue");
        var table = ServiceUri(section, "tableServiceUri") ?? AccountEndpoint(accountName, "table");
        if (blob is null && queue is null && table is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {sectionName} to a connection string (or UseDevelopmentStorage=true), " +
                $"or use identity-based settings {sectionName}__accountName / {sectionName}__queueServiceUri, __tableServiceUri, __blobServiceUri.");
        }

        return new StorageConnection(sectionName, blob, queue, table, sharedKey: null, CreateTokenCredential(section));
    }

    public static StorageConnection FromConnectionString(string connectionString, string settingName = DefaultSectionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = ParseConnectionString(connectionString, settingName);

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            return Development(settingName);
        }

        var accountName = parts.GetValueOrDefault("AccountName");
        var accountKey = parts.GetValueOrDefault("AccountKey");
        if (string.IsNullOrEmpty(accountName) || string.IsNullOrEmpty(accountKey))
        {
            throw new InvalidOperationException(
                $"The {settingName} connection string needs AccountName and AccountKey (shared access signatures are not supported); use identity-based settings otherwise.");
        }

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol") ?? "https";
        var suffix = parts.GetValueOrDefault("EndpointSuffix") ?? "core.windows.net";
        Uri Endpoint(string key, string service) =>
            parts.TryGetValue(key, out var explicitEndpoint) && !string.IsNullOrWhiteSpace(explicitEndpoint)
                ? ParseUri(explicitEndpoint, $"{settingName} {key}")
                : new Uri($"{protocol}://{accountName}.{service}.{suffix}/");

        return new StorageConnection(
            settingName,
            Endpoint("BlobEndpoint", "blob"),
            Endpoint("QueueEndpoint", "queue"),
            Endpoint("TableEndpoint", "table"),
            new StorageSharedKeyCredential(accountName, accountKey),
            tokenCredential: null);
    }

    /// <summary>Identity-based connection with explicit endpoints (any may be null when unused).</summary>
    public static StorageConnection FromTokenCredential(TokenCredential credential, Uri? blobEndpoint, Uri? queueEndpoint, Uri? tableEndpoint)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageConnection(DefaultSectionName, blobEndpoint, queueEndpoint, tableEndpoint, sharedKey: null, credential);
    }

    private static StorageConnection Development(string settingName) => new(
        settingName,
        new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}"),
        new Uri($"http://127.0.0.1:10001/{DevelopmentAccountName}"),
        new Uri($"http://127.0.0.1:10002/{DevelopmentAccountName}"),
        new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey),
        tokenCredential: null);

    private static Dictionary<string, string> ParseConnectionString(string connectionString, string settingName)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: account keys end in '=' padding.
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidOperationException($"The {settingName} connection string is malformed (expected Name=Value pairs separated by ';').");
            }

            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        return parts;
    }

    private static TokenCredential CreateTokenCredential(IConfigurationSection section)
    {
        var clientId = Setting(section, "clientId");
        if (string.Equals(Setting(section, "credential"), "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(clientId is null
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    private static string? Setting(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Uri? ServiceUri(IConfigurationSection section, string key) =>
        Setting(section, key) is { } value ? ParseUri(value, $"{section.Path}__{key}") : null;

    private static Uri? AccountEndpoint(string? accountName, string service) =>
        accountName is null ? null : new Uri($"https://{accountName}.{service}.core.windows.net/");

    private static Uri ParseUri(string value, string settingName) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"The setting {settingName} is not an absolute http(s) URI.");
}
