namespace GitLabConnector.Admin;

/// <summary><c>POST /api/connections</c>.</summary>
public sealed record ConnectRequest(string? Name, string? GitLabUrl, string? Token, IReadOnlyList<string>? Events, string? Signing, HookTargets? CreateHooks, string? CaCertificate = null)
{
    public override string ToString() => $"ConnectRequest {{ Name = {Name}, GitLabUrl = {GitLabUrl} }}";
}

/// <summary>Projects and groups to create webhooks on (needs a token with the <c>api</c> scope).</summary>
public sealed record HookTargets(IReadOnlyList<long>? Projects, IReadOnlyList<long>? Groups);

/// <summary><c>PUT /api/connections/{id}/token</c>.</summary>
public sealed record ReplaceTokenRequest(string? Token)
{
    public override string ToString() => "ReplaceTokenRequest";
}

/// <summary><c>POST /api/connections/{id}/sync</c>: all optional; no <c>since</c> means the connection's watermark.</summary>
public sealed record SyncRequest(string? Since, IReadOnlyList<long>? Projects, IReadOnlyList<string>? Kinds);

/// <summary><c>PUT /api/connections/{id}/ca-certificate</c>: the PEM of the private CA GitLab's certificate chains to.</summary>
public sealed record CaCertificateRequest(string? CaCertificate);

/// <summary><c>POST /api/deadletter/replay</c>; no connection means every connection.</summary>
public sealed record ReplayRequest(string? ConnectionId);
