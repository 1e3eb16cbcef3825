using GitLabConnector.GitLab;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>A token the fake GitLab knows. Rotation revokes it and issues a new one in the same family.</summary>
public sealed class FakeGitLabToken
{
    public required long Id { get; init; }

    public required string Value { get; init; }

    public required long UserId { get; init; }

    public required GitLabTokenKind Kind { get; init; }

    /// <summary>Project or group id for project/group access tokens.</summary>
    public long? ResourceId { get; init; }

    public string Name { get; init; } = "connector";

    public IReadOnlyList<string> Scopes { get; init; } = ["api"];

    public DateOnly? ExpiresAt { get; set; }

    public bool Revoked { get; set; }

    /// <summary>Tokens created by rotating one another share a family (GitLab's reuse detection).</summary>
    public required long FamilyId { get; init; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    public bool IsActive => !Revoked && (ExpiresAt is null || ExpiresAt >= DateOnly.FromDateTime(DateTime.UtcNow));
}
