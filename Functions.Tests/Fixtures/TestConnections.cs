using System.Security.Cryptography;
using GitLabConnector.Connections;
using GitLabConnector.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Fixtures;

/// <summary>Creates connections directly in a running app's registry and secret store (bypassing the admin API).</summary>
public static class TestConnections
{
    public sealed record Created(string Id, string WebhookSecret, string? SigningToken, ConnectionRecord Record);

    public static Task<Created> CreateAsync(
        ConnectorAppHost host,
        Uri? gitLabUrl = null,
        string? token = "glpat-test-token-0000000000",
        SigningMode signing = SigningMode.Off,
        IReadOnlyList<string>? events = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        return CreateAsync(host.Services, gitLabUrl, token, signing, events);
    }

    /// <summary>The same, in any app's services (the worker's, say).</summary>
    public static async Task<Created> CreateAsync(
        IServiceProvider services,
        Uri? gitLabUrl = null,
        string? token = "glpat-test-token-0000000000",
        SigningMode signing = SigningMode.Off,
        IReadOnlyList<string>? events = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var secrets = services.GetRequiredService<ISecretStore>();
        var store = services.GetRequiredService<IConnectionStore>();
        var id = "t" + Guid.NewGuid().ToString("N")[..11];
        var webhookSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var secretVersion = await secrets.SetAsync(SecretNames.WebhookSecret(id), webhookSecret, null, default);
        string? signingToken = null;
        string? signingVersion = null;
        if (signing != SigningMode.Off)
        {
            signingToken = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            signingVersion = (await secrets.SetAsync(SecretNames.SigningSecret(id), signingToken, null, default)).Version;
        }

        if (token is not null)
        {
            await secrets.SetAsync(SecretNames.Token(id), token, null, default);
        }

        var now = DateTimeOffset.UtcNow;
        var record = await store.CreateAsync(new ConnectionRecord
        {
            Id = id,
            Name = "test " + id,
            GitLabUrl = gitLabUrl ?? new Uri("https://gitlab.example.com"),
            Events = events ?? [],
            Signing = signing,
            WebhookSecretVersion = secretVersion.Version,
            SigningSecretVersion = signingVersion,
            CreatedAt = now,
            UpdatedAt = now,
        }, default);
        return new Created(id, webhookSecret, signingToken, record);
    }
}
