using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeKeyVault;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Resilience;

/// <summary>
/// 4. Key Vault outage: the connector runs IN-PROCESS here (<see cref="ConnectorAppHost"/>, workers on) because its
/// secret store must be the fake Key Vault, whose self-signed certificate only a SecretClient built by the fixture
/// trusts; a separate process would need production TLS validation weakened. Load runs while the vault answers 503
/// to everything for the outage length. Ingestion must keep accepting the known connection (cached secrets), and
/// every accepted event must end enriched exactly once.
/// </summary>
public sealed class KeyVaultOutageScenario : IScenario
{
    private static readonly string[] ProcessOnlySettings = ["Connector:Urls", "Connector:PublicBaseUrl", "Connector:LocalSecretsPath"];

    public string Name => "4. Key Vault outage (in-process app)";

    public async Task<ScenarioResult> RunAsync(SuiteEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var mode = environment.Mode;
        await using var vault = await FakeKeyVault.StartAsync(cancellationToken);
        var settings = environment.Settings("vault", environment.ScenarioDirectory("vault"), 0)
            .Where(kv => !ProcessOnlySettings.Contains(kv.Key))
            .Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))
            .Append(KeyValuePair.Create("Connector:KeyVaultUri", (string?)vault.VaultUri.ToString()))
            .ToList();
        var secretClient = vault.CreateSecretClient();
        await using var host = await ConnectorAppHost.StartAsync(environment.Azurite, settings, services => services.AddSingleton(secretClient), workers: true);

        var token = environment.NewGitLabToken();
        using var admin = new AdminClient(host.BaseAddress);
        var (connectionId, webhookSecret) = await admin.ConnectAsync(environment.GitLab.BaseUrl, token, cancellationToken);
        var enrichedQueue = settings.Single(kv => kv.Key == "Connector:Queues:Enriched").Value!;
        var audit = new EnrichmentAudit(environment.Tables, environment.Queues, connectionId, enrichedQueue);
        var factory = new DeliveryFactory(environment.GitLab.State);
        using var sender = new DeliverySender(host.BaseAddress, connectionId, webhookSecret);

        var outageAt = Math.Max(2, (int)(mode.KeyVaultLoadDuration.TotalSeconds / 4));
        var endAt = outageAt + (int)mode.KeyVaultOutage.TotalSeconds;
        var duration = TimeSpan.FromSeconds(Math.Max(mode.KeyVaultLoadDuration.TotalSeconds, endAt + 3));
        TimeSpan endedAt = default;
        try
        {
            await sender.RunPacedAsync(() => [factory.Pipeline()], mode.FaultRate, duration, second =>
            {
                if (second == outageAt)
                {
                    vault.StartOutage();
                }
                else if (second == endAt)
                {
                    vault.EndOutage();
                    endedAt = sender.Tally.Elapsed;
                }

                return Task.CompletedTask;
            }, cancellationToken);
        }
        finally
        {
            vault.EndOutage();
        }

        var outcome = await audit.WaitAndCountAsync(sender.Tally, mode, cancellationToken);
        var failures = new List<string>();
        if (sender.Tally.Accepted != sender.Tally.Sent)
        {
            failures.Add($"{sender.Tally.Sent - sender.Tally.Accepted} deliveries for the known connection not accepted during the outage");
        }

        var refused = vault.Requests.Count(r => r.Status == 503);
        return ScenarioRows.From(
            Name,
            sender.Tally,
            outcome,
            failures,
            "no interruption (served from cache)",
            [$"vault down {ResultTable.Seconds(mode.KeyVaultOutage)}, answered 503×{refused}", $"vault back at {ResultTable.Seconds(endedAt)}"]);
    }
}
