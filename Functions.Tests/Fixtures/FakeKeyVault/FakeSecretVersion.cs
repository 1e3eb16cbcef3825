namespace GitLabConnector.Tests.Fixtures.FakeKeyVault;

/// <summary>One stored version as the fake vault keeps it (a snapshot when handed to tests).</summary>
public sealed record FakeSecretVersion(
    string Name,
    string Version,
    string Value,
    string? ContentType,
    bool Enabled,
    DateTimeOffset? NotBefore,
    DateTimeOffset? ExpiresOn,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    IReadOnlyDictionary<string, string> Tags);
