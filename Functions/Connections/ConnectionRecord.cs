namespace GitLabConnector.Connections;

/// <summary>Holds secret versions, never the secrets themselves.</summary>
public sealed record ConnectionRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Possibly with a sub-path (<c>https://host/gitlab</c>); no trailing slash.</summary>
    public required Uri GitLabUrl { get; init; }

    public ConnectionStatus Status { get; init; } = ConnectionStatus.Active;

    /// <summary><c>X-Gitlab-Event</c> names this connection takes; empty means every event.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    public SigningMode Signing { get; init; } = SigningMode.Off;

    public string? WebhookSecretVersion { get; init; }
    public string? PreviousWebhookSecretVersion { get; init; }

    /// <summary>The previous webhook/signing secret is still accepted until then (rotation overlap).</summary>
    public DateTimeOffset? PreviousSecretValidUntil { get; init; }

    public string? SigningSecretVersion { get; init; }
    public string? PreviousSigningSecretVersion { get; init; }

    /// <summary>Null: GitLab's certificate chains to the public roots.</summary>
    public string? CaCertificateVersion { get; init; }

    /// <summary>As enrichment sees it (unhealthy after GitLab answered 401 twice, say).</summary>
    public bool Healthy { get; init; } = true;
    public string? HealthReason { get; init; }

    public IReadOnlyList<CreatedHook> Hooks { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

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
