using System.Collections.Concurrent;
using GitLabConnector.GitLab;

namespace GitLabConnector.Tokens;

/// <summary>A rotated token the secret store refused to take. GitLab already revoked the old one, so this is the only copy.</summary>
public sealed record PendingRotatedToken(string ConnectionId, GitLabRotatedToken Token, GitLabTokenKind Kind, DateOnly RequestedExpiresAt, DateTimeOffset RotatedAt)
{
    public DateOnly ExpiresAt => Token.ExpiresAt ?? RequestedExpiresAt;

    public override string ToString() => $"PendingRotatedToken {{ ConnectionId = {ConnectionId}, TokenId = {Token.Id}, RotatedAt = {RotatedAt:O} }}";
}

/// <summary>
/// Process-wide singleton holding rotated tokens not yet persisted (the only copies). Every token-monitor run on this instance
/// retries writing them first; they are lost if the process ends (alert 1607 says so).
/// </summary>
public sealed class PendingRotatedTokens
{
    private readonly ConcurrentDictionary<string, PendingRotatedToken> _tokens = new(StringComparer.Ordinal);

    public IReadOnlyList<string> ConnectionIds => [.. _tokens.Keys];

    public void Hold(PendingRotatedToken token) => _tokens[token.ConnectionId] = token;

    public PendingRotatedToken? Find(string connectionId) => _tokens.GetValueOrDefault(connectionId);

    public void Remove(string connectionId) => _tokens.TryRemove(connectionId, out _);
}
