using System.Net;
using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.Secrets;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeKeyVault;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Enrichment.Processing;

/// <summary>
/// The connection's token as enrichment sees it, read through the real <c>SecretClient</c> from the fake Key Vault:
/// a rotated token is picked up on 401, a refused one parks the event until it is replaced, a missing one parks it,
/// and an unreadable vault is a transient failure the queue retries.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnrichmentTokenTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FakeKeyVault _vault = null!;

    public async Task InitializeAsync() => _vault = await FakeKeyVault.StartAsync();

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Refused_token_is_re_read_from_Key_Vault_and_the_new_version_succeeds()
    {
        await using var host = await StartAsync("glpat-revoked-by-the-operator");
        var tokenName = SecretNames.Token(host.ConnectionId);
        var stale = await CacheTokenAsync(host);
        var rotated = _vault.State.Add(tokenName, EnrichmentPipelineHost.Token);
        var readsBefore = TokenReads(tokenName);
        var eventId = await host.DeliverAsync("pipeline.json", "kv-rotated-1");

        await host.ProcessNextAsync();

        Assert.NotEqual(stale.Version, rotated.Version);
        Assert.Equal(readsBefore + 1, TokenReads(tokenName));
        Assert.False((await host.PublishedRecordAsync(eventId)).GetProperty("partial").GetBoolean());
        var statuses = host.GitLab.Requests.Entries.Select(r => r.Status).ToList();
        Assert.Equal(401, statuses[0]);
        Assert.All(statuses.Skip(1), s => Assert.Equal(200, s));
        Assert.True((await host.ConnectionAsync())!.Healthy);
        Assert.Equal(0, await host.App.Get<IParkedEvents>().CountAsync(host.ConnectionId, default));
    }

    [Fact]
    public async Task Token_refused_twice_parks_the_event_until_a_new_version_is_stored_and_it_is_re_driven()
    {
        await using var host = await StartAsync("glpat-refused-one");
        var tokenName = SecretNames.Token(host.ConnectionId);
        await CacheTokenAsync(host);
        _vault.State.Add(tokenName, "glpat-refused-two");
        var eventId = await host.DeliverAsync("merge-request.json", "kv-refused-1");

        await host.ProcessNextAsync();

        var parked = host.App.Get<IParkedEvents>();
        Assert.Equal(1, await parked.CountAsync(host.ConnectionId, default));
        var connection = (await host.ConnectionAsync())!;
        Assert.False(connection.Healthy);
        Assert.Contains("401", connection.HealthReason, StringComparison.Ordinal);
        Assert.Empty(await host.PublishedAsync());
        Assert.Equal(0, await host.QueueLengthAsync(host.EventsQueue + "-poison"));
        Assert.Equal(0, await host.QueueLengthAsync(host.EventsQueue));
        Assert.Null(await host.DedupeRowAsync("kv-refused-1"));
        Assert.All(host.GitLab.Requests.Entries, r => Assert.Equal(401, r.Status));

        _vault.State.Add(tokenName, EnrichmentPipelineHost.Token);
        Assert.Equal(1, await parked.RedriveAsync(host.ConnectionId, default));
        Assert.Equal(0, await parked.CountAsync(host.ConnectionId, default));
        await host.ProcessNextAsync();

        var record = Assert.Single(await host.PublishedAsync());
        Assert.Equal(eventId, record.GetProperty("eventId").GetString());
        Assert.False(record.GetProperty("partial").GetBoolean());
        Assert.True((await host.ConnectionAsync())!.Healthy);
        Assert.Null((await host.ConnectionAsync())!.HealthReason);
    }

    [Fact]
    public async Task Token_refused_with_no_newer_version_parks_at_once()
    {
        await using var host = await StartAsync("glpat-refused-and-not-replaced");
        await host.DeliverAsync("pipeline.json", "kv-refused-2");

        await host.ProcessNextAsync();

        Assert.Equal(1, await host.App.Get<IParkedEvents>().CountAsync(host.ConnectionId, default));
        Assert.Equal("GitLab refused the token (401)", (await host.ConnectionAsync())!.HealthReason);
        Assert.Empty(await host.PublishedAsync());
    }

    [Fact]
    public async Task Missing_token_parks_the_event_with_the_reason()
    {
        await using var host = await StartAsync(token: null);
        await host.DeliverAsync("pipeline.json", "kv-missing-1");

        await host.ProcessNextAsync();

        Assert.Equal(1, await host.App.Get<IParkedEvents>().CountAsync(host.ConnectionId, default));
        var connection = (await host.ConnectionAsync())!;
        Assert.False(connection.Healthy);
        Assert.Equal("no GitLab token is stored for the connection", connection.HealthReason);
        Assert.Contains(_vault.Requests, r => r.Authorized && r.Status == 404 && r.Path.Contains(SecretNames.Token(host.ConnectionId), StringComparison.Ordinal));
        Assert.Empty(host.GitLab.Requests.Entries);
    }

    [Fact]
    public async Task Forbidden_Key_Vault_read_is_a_transient_failure_retried_not_parked()
    {
        await using var host = await StartAsync(token: null);
        _vault.State.Add(SecretNames.Token(host.ConnectionId), EnrichmentPipelineHost.Token);
        var eventId = await host.DeliverAsync("pipeline.json", "kv-forbidden-1");
        var message = await host.ReceiveAsync();
        // Only the token read: a background read (the ingestion warm-up's secrets) must not take the fault instead.
        _vault.FailNext(1, HttpStatusCode.Forbidden, SecretNames.Token(host.ConnectionId));

        var failure = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => host.Processor.ProcessAsync(message, default));

        Assert.Equal(403, failure.Status);
        Assert.Equal(0, await host.App.Get<IParkedEvents>().CountAsync(host.ConnectionId, default));
        Assert.True((await host.ConnectionAsync())!.Healthy);
        Assert.Contains("SecretStoreUnavailableException", (await host.App.Get<FailureLog>().GetAsync(host.ConnectionId, eventId, default))?.Reason, StringComparison.Ordinal);

        await host.Processor.ProcessAsync(message with { DequeueCount = 2 }, default);

        Assert.Equal(eventId, Assert.Single(await host.PublishedAsync()).GetProperty("eventId").GetString());
        Assert.Null((await host.App.Get<FailureLog>().GetAsync(host.ConnectionId, eventId, default))?.Reason);
    }

    [Fact]
    public async Task An_untrusted_gitlab_certificate_parks_the_event_instead_of_retrying_it_to_the_poison_queue()
    {
        await using var host = await StartAsync(EnrichmentPipelineHost.Token);
        var store = host.App.Get<IConnectionStore>();
        await store.UpdateAsync((await host.ConnectionAsync())! with { CaCertificateVersion = "unreadable-version" }, default);
        host.App.Get<ConnectionCache>().Invalidate(host.ConnectionId);
        await host.DeliverAsync("merge-request.json", "kv-untrusted-1");

        await host.ProcessNextAsync();

        Assert.Equal(1, await host.App.Get<IParkedEvents>().CountAsync(host.ConnectionId, default));
        Assert.Contains("caCertificate", (await host.ConnectionAsync())!.HealthReason, StringComparison.Ordinal);
        Assert.Empty(await host.PublishedAsync());
        Assert.Equal(0, await host.QueueLengthAsync(host.EventsQueue + "-poison"));
        Assert.Empty(host.GitLab.Requests.Entries);
    }

    private Task<EnrichmentPipelineHost> StartAsync(string? token) =>
        EnrichmentPipelineHost.StartAsync(
            azurite,
            token,
            settings: [new("Connector:KeyVaultUri", _vault.VaultUri.ToString())],
            services: s => s.AddSingleton(_vault.CreateSecretClient()));

    /// <summary>Reads the token through the app's store, so the cache holds this version (as after earlier events).</summary>
    private static async Task<StoredSecret> CacheTokenAsync(EnrichmentPipelineHost host) =>
        (await host.App.Get<ISecretStore>().GetAsync(SecretNames.Token(host.ConnectionId), null, default))!;

    private int TokenReads(string tokenName) =>
        _vault.Requests.Count(r => r.Authorized && r.Method == "GET" && r.Path.Contains(tokenName, StringComparison.Ordinal));
}
