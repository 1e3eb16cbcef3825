using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitLabConnector.Tests.Fixtures.FakeKeyVault;

/// <summary>Key Vault's REST shapes (SecretBundle, SecretItem, DeletedSecretBundle, error); timestamps in Unix seconds.</summary>
internal static class FakeKeyVaultJson
{
    public static JsonObject Bundle(FakeSecretVersion secret, string baseUrl, bool includeValue)
    {
        var bundle = Item(secret, baseUrl);
        if (includeValue)
        {
            bundle["value"] = secret.Value;
        }

        return bundle;
    }

    public static JsonObject Item(FakeSecretVersion secret, string baseUrl)
    {
        var attributes = new JsonObject
        {
            ["enabled"] = secret.Enabled,
            ["created"] = secret.Created.ToUnixTimeSeconds(),
            ["updated"] = secret.Updated.ToUnixTimeSeconds(),
            ["recoveryLevel"] = "Recoverable+Purgeable",
            ["recoverableDays"] = 90,
        };
        if (secret.NotBefore is { } nbf)
        {
            attributes["nbf"] = nbf.ToUnixTimeSeconds();
        }

        if (secret.ExpiresOn is { } exp)
        {
            attributes["exp"] = exp.ToUnixTimeSeconds();
        }

        var item = new JsonObject
        {
            ["id"] = $"{baseUrl}/secrets/{secret.Name}/{secret.Version}",
            ["attributes"] = attributes,
        };
        if (secret.ContentType is not null)
        {
            item["contentType"] = secret.ContentType;
        }

        if (secret.Tags.Count > 0)
        {
            var tags = new JsonObject();
            foreach (var (key, value) in secret.Tags)
            {
                tags[key] = value;
            }

            item["tags"] = tags;
        }

        return item;
    }

    public static JsonObject Deleted(FakeSecretVersion secret, string baseUrl)
    {
        var now = DateTimeOffset.UtcNow;
        var bundle = Item(secret, baseUrl);
        bundle["recoveryId"] = $"{baseUrl}/deletedsecrets/{secret.Name}";
        bundle["deletedDate"] = now.ToUnixTimeSeconds();
        bundle["scheduledPurgeDate"] = now.AddDays(90).ToUnixTimeSeconds();
        return bundle;
    }

    public static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    /// <summary>The writable fields of a PUT/PATCH body.</summary>
    public sealed record WriteBody(string? Value, string? ContentType, bool? Enabled, DateTimeOffset? NotBefore, DateTimeOffset? ExpiresOn, Dictionary<string, string>? Tags);

    public static async Task<WriteBody> ReadWriteBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var root = document.RootElement;
        bool? enabled = null;
        DateTimeOffset? nbf = null, exp = null;
        if (root.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
        {
            if (attributes.TryGetProperty("enabled", out var e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                enabled = e.GetBoolean();
            }

            nbf = UnixSeconds(attributes, "nbf");
            exp = UnixSeconds(attributes, "exp");
        }

        Dictionary<string, string>? tags = null;
        if (root.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            tags = t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty);
        }

        return new WriteBody(String(root, "value"), String(root, "contentType"), enabled, nbf, exp, tags);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static DateTimeOffset? UnixSeconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeSeconds(p.GetInt64()) : null;
}
