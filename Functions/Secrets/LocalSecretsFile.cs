namespace GitLabConnector.Secrets;

/// <summary>On-disk shape of the local secrets file: every version of every secret, oldest first.</summary>
internal sealed class LocalSecretsFile
{
    public Dictionary<string, List<LocalSecretVersion>> Secrets { get; init; } = new(StringComparer.Ordinal);
}

internal sealed class LocalSecretVersion
{
    public required string Version { get; init; }

    public required string Value { get; init; }

    public string? ContentType { get; init; }

    public DateTimeOffset CreatedOn { get; init; }

    public DateTimeOffset UpdatedOn { get; set; }

    public DateTimeOffset? ExpiresOn { get; set; }

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public StoredSecret ToStoredSecret(string name) =>
        new(name, Value, Version, ExpiresOn, UpdatedOn, new Dictionary<string, string>(Tags, StringComparer.Ordinal));
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LocalSecretsFile))]
internal sealed partial class LocalSecretsFileJsonContext : JsonSerializerContext;
