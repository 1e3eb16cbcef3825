using System.Security.Cryptography;
using GitLabConnector.Hosting.Standalone;
using GitLabConnector.Connections;
using GitLabConnector.Hosting;
using GitLabConnector.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Bench.ColdStart;

/// <summary>Creates one active connection through the app's own stores (table registry + local secret file), as the admin API would.</summary>
internal static class ConnectionSeeder
{
    public sealed record Seeded(string Id, string WebhookSecret);

    public static async Task<Seeded> SeedAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        await using var app = StandaloneApplication.Build([], builder =>
        {
            foreach (var (key, value) in environment)
            {
                builder.Configuration[key.Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        });

        var secrets = app.Services.GetRequiredService<ISecretStore>();
        var connections = app.Services.GetRequiredService<IConnectionStore>();
        var id = "bench" + Guid.NewGuid().ToString("N")[..10];
        var webhookSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var version = await secrets.SetAsync(SecretNames.WebhookSecret(id), webhookSecret, null, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        await connections.CreateAsync(new ConnectionRecord
        {
            Id = id,
            Name = "cold start benchmark",
            GitLabUrl = new Uri("https://gitlab.example.com"),
            WebhookSecretVersion = version.Version,
            CreatedAt = now,
            UpdatedAt = now,
        }, cancellationToken);
        return new Seeded(id, webhookSecret);
    }
}
