using System.Net;
using GitLabConnector.Secrets;
using Microsoft.Extensions.Logging;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeKeyVault;

namespace GitLabConnector.Tests.Secrets;

/// <summary>The Key Vault store driven through the real SecretClient against the fake vault.</summary>
public sealed class KeyVaultSecretStoreTests : IAsyncLifetime
{
    private const string Name = "gitlab-c1-token";
    private readonly InMemoryLoggerProvider _logs = new();
    private FakeKeyVault _vault = null!;
    private KeyVaultSecretStore _store = null!;

    public async Task InitializeAsync()
    {
        _vault = await FakeKeyVault.StartAsync();
        _store = CreateStore(maxRetries: 2);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Set_creates_a_new_version_each_call()
    {
        var first = await _store.SetAsync(Name, "glpat-first-value", null, default);
        var second = await _store.SetAsync(Name, "glpat-second-value", null, default);

        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal([first.Version, second.Version], _vault.State.Versions(Name).Select(v => v.Version));
        Assert.Equal("glpat-second-value", second.Value);
        Assert.NotNull(second.UpdatedOn);
    }

    [Fact]
    public async Task Gets_latest_or_a_specific_version()
    {
        var first = await _store.SetAsync(Name, "value-one", null, default);
        await _store.SetAsync(Name, "value-two", null, default);

        var latest = await _store.GetAsync(Name, null, default);
        var older = await _store.GetAsync(Name, first.Version, default);

        Assert.Equal("value-two", latest!.Value);
        Assert.Equal("value-one", older!.Value);
        Assert.Equal(first.Version, older.Version);
        Assert.Equal(Name, older.Name);
    }

    [Fact]
    public async Task Returns_null_for_a_missing_secret_or_version()
    {
        await _store.SetAsync(Name, "value", null, default);

        Assert.Null(await _store.GetAsync("gitlab-missing-token", null, default));
        Assert.Null(await _store.GetAsync(Name, "0123456789abcdef0123456789abcdef", default));
    }

    [Fact]
    public async Task Forbidden_becomes_unavailable_with_status_403()
    {
        _vault.FailNext(1, HttpStatusCode.Forbidden);

        var e = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => _store.GetAsync(Name, null, default));

        Assert.Equal(403, e.Status);
        Assert.Equal(1, _vault.CountRequests("GET", $"/secrets/{Name}"));
    }

    [Fact]
    public async Task Recovers_from_transient_503_through_sdk_retries()
    {
        _vault.State.Add(Name, "value");
        _vault.FailNext(2, HttpStatusCode.ServiceUnavailable);

        var secret = await _store.GetAsync(Name, null, default);

        Assert.Equal("value", secret!.Value);
        Assert.Equal(3, _vault.CountRequests("GET", $"/secrets/{Name}"));
    }

    [Fact]
    public async Task Persistent_503_becomes_unavailable()
    {
        _vault.StartOutage();

        var e = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => _store.GetAsync(Name, null, default));

        Assert.Equal(503, e.Status);
    }

    [Fact]
    public async Task Network_failure_becomes_unavailable_with_status_0()
    {
        _vault.StartOutage(FakeKeyVaultOutage.ConnectionReset);

        var e = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => _store.SetAsync(Name, "value", null, default));

        Assert.Equal(0, e.Status);
    }

    [Fact]
    public async Task Set_writes_expiry_tags_and_content_type()
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);
        var options = new SecretWriteOptions(expires, new Dictionary<string, string> { ["connection"] = "c1" }, "text/plain");

        var created = await _store.SetAsync(Name, "value", options, default);

        var stored = Assert.Single(_vault.State.Versions(Name));
        Assert.Equal(expires, stored.ExpiresOn);
        Assert.Equal("c1", stored.Tags["connection"]);
        Assert.Equal("text/plain", stored.ContentType);
        Assert.Equal(expires, created.ExpiresOn);
        Assert.Equal("c1", created.Tags["connection"]);
    }

    [Fact]
    public async Task Updated_expiry_and_tags_are_visible_on_next_get()
    {
        var created = await _store.SetAsync(Name, "value", null, default);
        var expires = DateTimeOffset.FromUnixTimeSeconds(1_950_000_000);

        await _store.UpdatePropertiesAsync(Name, created.Version, expires, new Dictionary<string, string> { ["rotated"] = "yes" }, default);

        var read = await _store.GetAsync(Name, created.Version, default);
        Assert.Equal(expires, read!.ExpiresOn);
        Assert.Equal("yes", read.Tags["rotated"]);
        Assert.Equal("value", read.Value);
        Assert.Equal(1, _vault.CountRequests("PATCH", $"/secrets/{Name}/{created.Version}"));
    }

    [Fact]
    public async Task Updating_a_missing_version_throws_key_not_found()
    {
        await _store.SetAsync(Name, "value", null, default);

        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            _store.UpdatePropertiesAsync(Name, "0123456789abcdef0123456789abcdef", DateTimeOffset.UnixEpoch.AddYears(60), null, default));
    }

    [Fact]
    public async Task Delete_removes_every_version_and_tolerates_a_missing_secret()
    {
        await _store.SetAsync(Name, "one", null, default);
        await _store.SetAsync(Name, "two", null, default);

        await _store.DeleteAsync(Name, default);
        await _store.DeleteAsync(Name, default);

        Assert.Empty(_vault.State.Versions(Name));
        Assert.Null(await _store.GetAsync(Name, null, default));
        Assert.Equal(2, _vault.CountRequests("DELETE", $"/secrets/{Name}"));
    }

    [Fact]
    public async Task Reports_availability()
    {
        Assert.True(await _store.IsAvailableAsync(default));

        _vault.StartOutage();
        Assert.False(await _store.IsAvailableAsync(default));

        _vault.EndOutage();
        Assert.True(await _store.IsAvailableAsync(default));
    }

    [Fact]
    public async Task First_request_answers_the_bearer_challenge()
    {
        await _store.SetAsync(Name, "value", null, default);

        var puts = _vault.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal([(false, 401), (true, 200)], puts.Select(r => (r.Authorized, r.Status)));
    }

    [Fact]
    public async Task Never_puts_the_secret_value_in_logs_or_exceptions()
    {
        const string value = "glpat-SUPER-SECRET-value-42";
        var errors = new List<Exception>();
        _vault.FailNext(1, HttpStatusCode.Forbidden);
        errors.Add(await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => _store.SetAsync(Name, value, null, default)));
        var created = await _store.SetAsync(Name, value, null, default);
        _vault.StartOutage();
        errors.Add(await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => _store.GetAsync(Name, null, default)));
        errors.Add(await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => _store.UpdatePropertiesAsync(Name, created.Version, null, null, default)));
        _vault.StartOutage(FakeKeyVaultOutage.ConnectionReset);
        errors.Add(await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => _store.SetAsync(Name, value, null, default)));

        Assert.NotEmpty(_logs.Entries);
        Assert.All(_logs.Entries, e => Assert.DoesNotContain(value, e.AllText, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain(value, e.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(value, created.ToString(), StringComparison.Ordinal);
    }

    private KeyVaultSecretStore CreateStore(int maxRetries)
    {
        var factory = _logs.CreateFactory();
        return new KeyVaultSecretStore(_vault.CreateSecretClient(maxRetries), factory.CreateLogger<KeyVaultSecretStore>());
    }
}
