using GitLabConnector.Storage;

namespace GitLabConnector.Connections;

internal static class ConnectionEntityMapper
{
    public static TableEntity ToEntity(ConnectionRecord c, string partition) =>
        new TableEntity(partition, c.Id)
        {
            ["Name"] = c.Name,
            ["GitLabUrl"] = c.GitLabUrl.ToString(),
            ["Status"] = c.Status.ToString(),
            ["Events"] = string.Join('\n', c.Events),
            ["Signing"] = c.Signing.ToString(),
            ["WebhookSecretVersion"] = c.WebhookSecretVersion,
            ["PreviousWebhookSecretVersion"] = c.PreviousWebhookSecretVersion,
            ["PreviousSecretValidUntil"] = c.PreviousSecretValidUntil,
            ["SigningSecretVersion"] = c.SigningSecretVersion,
            ["PreviousSigningSecretVersion"] = c.PreviousSigningSecretVersion,
            ["CaCertificateVersion"] = c.CaCertificateVersion,
            ["Healthy"] = c.Healthy,
            ["HealthReason"] = c.HealthReason,
            ["Hooks"] = JsonSerializer.Serialize(c.Hooks.Select(h => new[] { h.Owner, h.OwnerId.ToString(CultureInfo.InvariantCulture), h.HookId.ToString(CultureInfo.InvariantCulture) }).ToArray(), ConnectionsJsonContext.Default.StringArrayArray),
            ["CreatedAt"] = c.CreatedAt,
            ["UpdatedAt"] = c.UpdatedAt,
        }.WithoutNulls();

    public static ConnectionRecord ToRecord(TableEntity e)
    {
        var hooks = new List<CreatedHook>();
        if (e.GetString("Hooks") is { Length: > 0 } json)
        {
            foreach (var h in JsonSerializer.Deserialize(json, ConnectionsJsonContext.Default.StringArrayArray) ?? [])
            {
                if (h.Length == 3 && long.TryParse(h[1], out var ownerId) && long.TryParse(h[2], out var hookId))
                {
                    hooks.Add(new CreatedHook(h[0], ownerId, hookId));
                }
            }
        }

        return new ConnectionRecord
        {
            Id = e.RowKey,
            Name = e.GetString("Name") ?? e.RowKey,
            GitLabUrl = new Uri(e.GetString("GitLabUrl") ?? "https://gitlab.invalid"),
            Status = Enum.TryParse<ConnectionStatus>(e.GetString("Status"), out var status) ? status : ConnectionStatus.Active,
            Events = (e.GetString("Events") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries),
            Signing = Enum.TryParse<SigningMode>(e.GetString("Signing"), out var signing) ? signing : SigningMode.Off,
            WebhookSecretVersion = e.GetString("WebhookSecretVersion"),
            PreviousWebhookSecretVersion = e.GetString("PreviousWebhookSecretVersion"),
            PreviousSecretValidUntil = e.GetDateTimeOffset("PreviousSecretValidUntil"),
            SigningSecretVersion = e.GetString("SigningSecretVersion"),
            PreviousSigningSecretVersion = e.GetString("PreviousSigningSecretVersion"),
            CaCertificateVersion = e.GetString("CaCertificateVersion"),
            Healthy = e.GetBoolean("Healthy") ?? true,
            HealthReason = e.GetString("HealthReason"),
            Hooks = hooks,
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
            UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
            ETag = e.ETag.ToString(),
        };
    }
}

// The hooks column, as arrays of strings.
[JsonSerializable(typeof(string[][]))]
internal sealed partial class ConnectionsJsonContext : JsonSerializerContext;
