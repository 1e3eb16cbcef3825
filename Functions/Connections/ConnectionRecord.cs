namespace GitLabConnector.Connections;

/// <summary>
/// One connection to a GitLab instance: where it is, which events it takes, how deliveries are authenticated
/// (secret versions in the secret store — never the secrets themselves), and the hooks we created for it.
/// </summary>
public sealed record ConnectionRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Instance root, possibly with a sub-path (<c>https://host/gitlab</c>); no trailing slash.</summary>
    public required Uri GitLabUrl { get; init; }

    public ConnectionStatus Status { get; init; } = ConnectionStatus.Active;

    /// <summary><c>X-Gitlab-Event</c> names this connection takes; empty means every event.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    public SigningMode Signing { get; init; } = SigningMode.Off;

    public string? WebhookSecretVersion { get; init; }
    public string? PreviousWebhookSecretVersion { get; init; }

    /// <summary>Until when the previous webhook/signing secret is still accepted (rotation overlap).</summary>
    public DateTimeOffset? PreviousSecretValidUntil { get; init; }

    public string? SigningSecretVersion { get; init; }
    public string? PreviousSigningSecretVersion { get; init; }

    /// <summary>The version of <see cref="SecretNames.CaCertificate"/> this connection trusts for GitLab's certificate; null: the public roots.</summary>
    public string? CaCertificateVersion { get; init; }

    /// <summary>Health of the connection as enrichment sees it (e.g. unhealthy after GitLab answered 401 twice).</summary>
    public bool Healthy { get; init; } = true;
    public string? HealthReason { get; init; }

    public IReadOnlyList<CreatedHook> Hooks { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Table ETag for optimistic concurrency; null for a record not yet stored.</summary>
    public string? ETag { get; init; }

    public bool AcceptsEvent(string eventName) =>
        Events.Count == 0 || Events.Contains(eventName, StringComparer.OrdinalIgnoreCase);
}

public enum ConnectionStatus
{
    Active,
    Disconnected,
}

/// <summary>off: X-Gitlab-Token only; accept: verify a signature when present; require: reject unsigned deliveries.</summary>
public enum SigningMode
{
    Off,
    Accept,
    Require,
}

public sealed record CreatedHook(string Owner, long OwnerId, long HookId);
