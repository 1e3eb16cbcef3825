using GitLabConnector.Secrets;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeKeyVault;
using Microsoft.Extensions.Logging;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitLabConnector.Tests.Secrets;

public sealed class CachingSecretStoreTests
{
    private const string Name = "gitlab-c1-token";
    private static readonly TimeSpan Ttl = CachingSecretStore.LatestTtl;
    private readonly ISecretStore _inner = Substitute.For<ISecretStore>();
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryLoggerProvider _logs = new();
    private readonly CachingSecretStore _cache;

    public CachingSecretStoreTests()
    {
        _cache = CreateCache(_inner);
    }

    [Fact]
    public async Task Latest_version_is_cached_until_the_ttl_passes()
    {
        ReturnsLatest(Secret("v1", "one"));
        await _cache.GetAsync(Name, null, default);
        _time.Advance(Ttl - TimeSpan.FromSeconds(1));
        ReturnsLatest(Secret("v2", "two"));

        var cached = await _cache.GetAsync(Name, null, default);
        _time.Advance(TimeSpan.FromSeconds(1));
        var fresh = await _cache.GetAsync(Name, null, default);

        Assert.Equal("one", cached!.Value);
        Assert.Equal("two", fresh!.Value);
        await _inner.Received(2).GetAsync(Name, null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Serves_the_last_known_value_while_the_store_is_unavailable()
    {
        ReturnsLatest(Secret("v1", "secret-value-one"));
        await _cache.GetAsync(Name, null, default);
        _time.Advance(TimeSpan.FromHours(2));
        _inner.GetAsync(Name, null, Arg.Any<CancellationToken>()).ThrowsAsync(new SecretStoreUnavailableException("down") { Status = 503 });

        var served = await _cache.GetAsync(Name, null, default);

        Assert.Equal("secret-value-one", served!.Value);
        var warning = Assert.Single(_logs.Entries, e => e.EventId.Id == 1102);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(Name, warning.Message, StringComparison.Ordinal);
        Assert.All(_logs.Entries, e => Assert.DoesNotContain("secret-value-one", e.AllText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unavailable_store_with_nothing_cached_still_throws()
    {
        _inner.GetAsync(Name, null, Arg.Any<CancellationToken>()).ThrowsAsync(new SecretStoreUnavailableException("down") { Status = 403 });

        var e = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => _cache.GetAsync(Name, null, default));
        Assert.Equal(403, e.Status);
    }

    [Fact]
    public async Task Invalidate_forces_a_re_read_but_keeps_the_outage_fallback()
    {
        ReturnsLatest(Secret("v1", "one"));
        await _cache.GetAsync(Name, null, default);
        ReturnsLatest(Secret("v2", "two"));

        _cache.Invalidate(Name);
        var reread = await _cache.GetAsync(Name, null, default);
        _cache.Invalidate(Name);
        _inner.GetAsync(Name, null, Arg.Any<CancellationToken>()).ThrowsAsync(new SecretStoreUnavailableException("down"));
        var fallback = await _cache.GetAsync(Name, null, default);

        Assert.Equal("two", reread!.Value);
        Assert.Equal("two", fallback!.Value);
        await _inner.Received(3).GetAsync(Name, null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Specific_versions_are_cached_indefinitely()
    {
        _inner.GetAsync(Name, "v1", Arg.Any<CancellationToken>()).Returns(Secret("v1", "one"));

        await _cache.GetAsync(Name, "v1", default);
        _time.Advance(TimeSpan.FromDays(365));
        var again = await _cache.GetAsync(Name, "v1", default);

        Assert.Equal("one", again!.Value);
        await _inner.Received(1).GetAsync(Name, "v1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_latest_read_also_caches_that_specific_version()
    {
        ReturnsLatest(Secret("v1", "one"));
        await _cache.GetAsync(Name, null, default);

        var byVersion = await _cache.GetAsync(Name, "v1", default);

        Assert.Equal("one", byVersion!.Value);
        await _inner.DidNotReceive().GetAsync(Name, "v1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Not_found_is_not_cached()
    {
        ReturnsLatest(null);
        Assert.Null(await _cache.GetAsync(Name, null, default));
        ReturnsLatest(Secret("v1", "one"));

        Assert.Equal("one", (await _cache.GetAsync(Name, null, default))!.Value);
    }

    [Fact]
    public async Task Set_invalidates_the_latest_version_and_caches_the_new_one()
    {
        ReturnsLatest(Secret("v1", "one"));
        await _cache.GetAsync(Name, null, default);
        var created = Secret("v2", "two");
        _inner.SetAsync(Name, "two", null, Arg.Any<CancellationToken>()).Returns(created);
        ReturnsLatest(created);

        await _cache.SetAsync(Name, "two", null, default);
        var latest = await _cache.GetAsync(Name, null, default);
        var byVersion = await _cache.GetAsync(Name, "v2", default);

        Assert.Equal("two", latest!.Value);
        Assert.Equal("two", byVersion!.Value);
        await _inner.Received(2).GetAsync(Name, null, Arg.Any<CancellationToken>());
        await _inner.DidNotReceive().GetAsync(Name, "v2", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Update_invalidates_the_cached_version()
    {
        _inner.GetAsync(Name, "v1", Arg.Any<CancellationToken>()).Returns(Secret("v1", "one"));
        await _cache.GetAsync(Name, "v1", default);

        await _cache.UpdatePropertiesAsync(Name, "v1", _time.GetUtcNow().AddDays(1), null, default);
        await _cache.GetAsync(Name, "v1", default);

        await _inner.Received(2).GetAsync(Name, "v1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Deleted_secrets_are_not_served_even_during_an_outage()
    {
        ReturnsLatest(Secret("v1", "one"));
        await _cache.GetAsync(Name, null, default);

        await _cache.DeleteAsync(Name, default);
        _inner.GetAsync(Name, Arg.Any<string?>(), Arg.Any<CancellationToken>()).ThrowsAsync(new SecretStoreUnavailableException("down"));

        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => _cache.GetAsync(Name, null, default));
        await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => _cache.GetAsync(Name, "v1", default));
    }

    [Fact]
    public async Task Key_vault_outage_does_not_stop_reads_end_to_end()
    {
        await using var vault = await FakeKeyVault.StartAsync();
        var cache = CreateCache(new KeyVaultSecretStore(vault.CreateSecretClient(maxRetries: 1), _logs.CreateFactory().CreateLogger<KeyVaultSecretStore>()));
        await cache.SetAsync(Name, "kv-value", null, default);
        await cache.GetAsync(Name, null, default);

        vault.StartOutage(FakeKeyVaultOutage.ConnectionReset);
        _time.Advance(Ttl * 10);
        var duringOutage = await cache.GetAsync(Name, null, default);

        Assert.Equal("kv-value", duringOutage!.Value);
        Assert.Contains(_logs.Entries, e => e.EventId.Id == 1102);
        Assert.All(_logs.Entries, e => Assert.DoesNotContain("kv-value", e.AllText, StringComparison.Ordinal));
    }

    private CachingSecretStore CreateCache(ISecretStore inner) =>
        new(inner, _time, _logs.CreateFactory().CreateLogger<CachingSecretStore>());

    private void ReturnsLatest(StoredSecret? secret) =>
        _inner.GetAsync(Name, null, Arg.Any<CancellationToken>()).Returns(secret);

    private StoredSecret Secret(string version, string value) =>
        new(Name, value, version, null, _time.GetUtcNow(), new Dictionary<string, string>());
}
