using System.Text.Json;
using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;
using GitLabConnector.Tests.Fixtures.FakeKeyVault;
using GitLabConnector.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace GitLabConnector.Tests.Tokens;

/// <summary>The real GitLab client against the fake GitLab, and the real Key Vault store (SecretClient) against the fake vault.</summary>
public sealed class TokenLifecycleIntegrationTests : IAsyncLifetime
{
    private const string ConnectionId = "conn-int";
    private FakeGitLabServer _gitLab = null!;
    private FakeKeyVault _vault = null!;
    private GitLabClientHarness _client = null!;
    private KeyVaultSecretStore _secrets = null!;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly InMemoryTokenStatusStore _statuses = new();
    private readonly RecordingQueueService _queues = new();
    private readonly TokenOptions _options = new();
    private readonly IParkedEvents _parked = Substitute.For<IParkedEvents>();
    private readonly IConnectionStore _connections = Substitute.For<IConnectionStore>();

    public async Task InitializeAsync()
    {
        _gitLab = await FakeGitLabServer.StartAsync();
        _vault = await FakeKeyVault.StartAsync();
        _client = GitLabClientHarness.Create();
        _secrets = new KeyVaultSecretStore(_vault.CreateSecretClient(), NullLogger<KeyVaultSecretStore>.Instance);
        var connection = new ConnectionRecord { Id = ConnectionId, Name = "int", GitLabUrl = _gitLab.BaseUrl };
        _connections.GetAsync(ConnectionId, Arg.Any<CancellationToken>()).Returns(connection);
        _connections.ListAsync(Arg.Any<CancellationToken>()).Returns([connection]);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _vault.DisposeAsync();
        await _gitLab.DisposeAsync();
    }

    [Fact]
    public async Task Project_token_due_for_rotation_is_rotated_stored_in_key_vault_and_used_from_then_on()
    {
        _options.AutoRotate = true;
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var old = _gitLab.State.AddProjectToken("glpat-int-old", projectId: 42, expiresAt: today.AddDays(5), scopes: ["api"]);
        await _secrets.SetAsync(SecretNames.Token(ConnectionId), "glpat-int-old", null, CancellationToken.None);

        var status = await CreateMonitor().CheckConnectionAsync(ConnectionId, CancellationToken.None);

        Assert.Equal(TokenStates.Rotated, status!.State);
        Assert.Equal("project", status.Kind);
        Assert.Equal(42, status.ResourceId);
        Assert.True(old.Revoked);
        var latest = (await _secrets.GetAsync(SecretNames.Token(ConnectionId), null, CancellationToken.None))!;
        Assert.Equal(status.SecretVersion, latest.Version);
        Assert.NotEqual("glpat-int-old", latest.Value);
        var newToken = _gitLab.State.FindToken(latest.Value)!;
        Assert.True(newToken.IsActive);
        Assert.Equal(today.AddDays(90), newToken.ExpiresAt);
        Assert.Equal(new DateTimeOffset(today.AddDays(90).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), latest.ExpiresOn);
        Assert.Equal("project", latest.Tags["kind"]);
        Assert.Equal(newToken.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), latest.Tags["tokenId"]);
        Assert.Single(Alerts("token-rotated"));

        var next = await CreateMonitor().CheckConnectionAsync(ConnectionId, CancellationToken.None);
        Assert.Equal(TokenStates.Ok, next!.State);
        Assert.Single(_gitLab.State.Tokens, t => t.IsActive);
    }

    [Fact]
    public async Task Revoked_token_is_reported_invalid_once()
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var token = _gitLab.State.AddPersonalToken("glpat-int-a", expiresAt: today.AddDays(100), scopes: ["api"]);
        await _secrets.SetAsync(SecretNames.Token(ConnectionId), "glpat-int-a", null, CancellationToken.None);
        var ok = await CreateMonitor().CheckConnectionAsync(ConnectionId, CancellationToken.None);
        Assert.Equal(TokenStates.Ok, ok!.State);

        token.Revoked = true;
        var first = await CreateMonitor().CheckConnectionAsync(ConnectionId, CancellationToken.None);
        var second = await CreateMonitor().CheckConnectionAsync(ConnectionId, CancellationToken.None);

        // GitLab answers 401 for a revoked token: the connector cannot tell revoked from invalid and says so.
        Assert.Equal(TokenStates.Invalid, first!.State);
        Assert.Equal(TokenStates.Invalid, second!.State);
        Assert.Single(Alerts("token-invalid"));
    }

    private IReadOnlyList<JsonElement> Alerts(string kind) =>
        [.. _queues.Messages(new QueueOptions().Alerts).Select(m => JsonDocument.Parse(m).RootElement.Clone()).Where(a => a.GetProperty("kind").GetString() == kind)];

    private TokenMonitor CreateMonitor()
    {
        var options = Options.Create(_options);
        var statuses = _statuses;
        var leases = new InMemoryLeaseStore(_time);
        var probe = new TokenProbe(_client.Api);
        var alerts = new TokenAlertPublisher(_queues, Options.Create(new QueueOptions()), _time, NullLogger<TokenAlertPublisher>.Instance);
        var pending = new PendingRotatedTokens();
        var rotator = new TokenRotator(_client.Api, probe, _secrets, statuses, leases, _parked, alerts, pending, new TokenRotationRetryPolicy { PersistDelays = [TimeSpan.Zero] }, options, _time, NullLogger<TokenRotator>.Instance);
        return new TokenMonitor(_connections, _secrets, statuses, probe, rotator, alerts, pending, _parked, options, _time, NullLogger<TokenMonitor>.Instance);
    }
}
