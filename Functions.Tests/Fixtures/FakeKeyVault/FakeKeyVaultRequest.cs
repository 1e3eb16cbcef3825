namespace GitLabConnector.Tests.Fixtures.FakeKeyVault;

/// <summary>One request the fake vault saw. <paramref name="Authorized"/> is false for the SDK's first, token-less probe.</summary>
public sealed record FakeKeyVaultRequest(string Method, string Path, bool Authorized, int Status);
