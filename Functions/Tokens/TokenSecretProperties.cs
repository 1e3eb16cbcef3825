using GitLabConnector.Secrets;

namespace GitLabConnector.Tokens;

/// <summary>
/// Mirrors a token's expiry and identity onto its secret version, so Key Vault's own <c>SecretNearExpiry</c> events and the
/// portal show the truth. GitLab tokens stop working at 00:00 UTC on their <c>expires_at</c> date: the version's <c>ExpiresOn</c>.
/// </summary>
public static class TokenSecretProperties
{
    public static DateTimeOffset? ExpiresOn(DateOnly? expiresAt) =>
        expiresAt is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    public static Dictionary<string, string> Tags(long? tokenId, string? kind, IReadOnlyList<string> scopes)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["scopes"] = string.Join(',', scopes) };
        if (tokenId is { } id)
        {
            tags["tokenId"] = id.ToString(CultureInfo.InvariantCulture);
        }

        if (kind is not null)
        {
            tags["kind"] = kind;
        }

        return tags;
    }

    /// <summary>Other tags are kept. Failures are logged, not thrown.</summary>
    public static async Task EnsureAsync(ISecretStore secrets, StoredSecret secret, TokenStatus status, ILogger logger, CancellationToken cancellationToken)
    {
        var expiresOn = ExpiresOn(status.ExpiresAt);
        var wanted = Tags(status.TokenId, status.Kind, status.Scopes);
        var tagsMatch = wanted.All(t => secret.Tags.TryGetValue(t.Key, out var v) && v == t.Value);
        if (secret.ExpiresOn == expiresOn && tagsMatch)
        {
            return;
        }

        var merged = secret.Tags.Where(t => !wanted.ContainsKey(t.Key)).Concat(wanted).ToDictionary(StringComparer.Ordinal);
        try
        {
            await secrets.UpdatePropertiesAsync(secret.Name, secret.Version, expiresOn, merged, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SecretStoreUnavailableException or HttpRequestException or InvalidOperationException or Azure.RequestFailedException)
        {
            TokenLog.SecretPropertiesFailed(logger, status.ConnectionId, secret.Version, e);
        }
    }
}
