using Azure.Core;

namespace GitLabConnector.Tests.Fixtures.FakeKeyVault;

/// <summary>Hands out a fixed bearer token; the fake vault only checks that one is present.</summary>
internal sealed class StubTokenCredential : TokenCredential
{
    public const string Token = "fake-key-vault-token";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(Token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
