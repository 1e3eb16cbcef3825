using GitLabConnector.GitLab;

namespace GitLabConnector.Enrichment;

/// <summary>
/// Payload data first (and remembered), then <c>GET /users/:id</c> cached per connection (that endpoint has its own small
/// rate limit), and the admin email map for hidden emails.
/// </summary>
public sealed class UserDirectory(IGitLabApi gitLab, IUserEmailMap emailMap, TimeProvider time, IOptions<EnrichmentOptions> options)
{
    private const string RedactedEmail = "[REDACTED]";

    private readonly BoundedTtlCache<(string ConnectionId, long UserId), KnownUser> _cache = new(time, options.Value.UserCacheTtl, options.Value.UserCacheSize);

    public ValueTask<EnrichedUser?> FromPayloadAsync(string connectionId, JsonElement? user, CancellationToken cancellationToken) =>
        user is { ValueKind: JsonValueKind.Object } u
            ? FromFieldsAsync(connectionId, u.Long("id"), u.String("username"), u.String("name"), u.String("email"), cancellationToken)
            : ValueTask.FromResult<EnrichedUser?>(null);

    public async ValueTask<EnrichedUser?> FromFieldsAsync(string connectionId, long? id, string? username, string? name, string? email, CancellationToken cancellationToken)
    {
        if (id is null && username is null && name is null)
        {
            return null;
        }

        if (id is { } known && username is not null)
        {
            // Remembered so later events need no lookup, keeping an email learned from GET /users: payloads often hide it.
            var learnedEmail = _cache.TryGet((connectionId, known), out var existing) ? existing.Email : null;
            _cache.Set((connectionId, known), new KnownUser(username, name, learnedEmail));
        }

        return new EnrichedUser(id, username, name, await EmailAsync(connectionId, id, VisibleEmail(email), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A user by id: cache, else <c>GET /users/:id</c>. GitLab errors propagate (the caller decides what is partial).</summary>
    public async Task<EnrichedUser> GetAsync(GitLabConnection connection, long userId, CancellationToken cancellationToken)
    {
        if (!_cache.TryGet((connection.ConnectionId, userId), out var user))
        {
            var json = await gitLab.GetUserAsync(connection, userId, cancellationToken).ConfigureAwait(false);
            user = new KnownUser(json.String("username"), json.String("name"), VisibleEmail(json.String("email")) ?? VisibleEmail(json.String("public_email")));
            _cache.Set((connection.ConnectionId, userId), user);
        }

        return new EnrichedUser(userId, user.Username, user.Name, await EmailAsync(connection.ConnectionId, userId, user.Email, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A user by id for an event; when GitLab hides the user (404/403), the id alone and the record is partial.</summary>
    public async ValueTask<EnrichedUser> ResolveAsync(EnrichmentScope scope, long userId, CancellationToken cancellationToken) =>
        await scope.TryReadAsync($"users/{userId}", ct => GetAsync(scope.GitLab, userId, ct), cancellationToken).ConfigureAwait(false)
            ?? new EnrichedUser(userId, null, null, null);

    /// <summary>Users by id, in order, one at a time (GET /users has its own small rate limit).</summary>
    public async Task<IReadOnlyList<EnrichedUser>> ResolveAllAsync(EnrichmentScope scope, IEnumerable<long> userIds, CancellationToken cancellationToken) =>
        await userIds.ToAsyncEnumerable()
            .Select((id, ct) => ResolveAsync(scope, id, ct))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Entries that are not user objects are skipped.</summary>
    public async Task<IReadOnlyList<EnrichedUser>> FromPayloadListAsync(string connectionId, IEnumerable<JsonElement> users, CancellationToken cancellationToken) =>
        await users.ToAsyncEnumerable()
            .Select((json, ct) => FromPayloadAsync(connectionId, json, ct))
            .OfType<EnrichedUser>()
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Whether <see cref="GetAsync"/> would answer without calling GitLab.</summary>
    public bool IsKnown(string connectionId, long userId) => _cache.TryGet((connectionId, userId), out _);

    private async Task<string?> EmailAsync(string connectionId, long? userId, string? visibleEmail, CancellationToken cancellationToken)
    {
        if (visibleEmail is not null || userId is not { } id)
        {
            return visibleEmail;
        }

        return _cache.TryGet((connectionId, id), out var cached) && cached.Email is not null
            ? cached.Email
            : await emailMap.GetEmailAsync(connectionId, id, cancellationToken).ConfigureAwait(false);
    }

    private static string? VisibleEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) || email == RedactedEmail ? null : email;

    private sealed record KnownUser(string? Username, string? Name, string? Email);
}
