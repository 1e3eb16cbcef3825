using System.Runtime.Versioning;
using GitLabConnector.Secrets;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.Secrets;

public sealed class LocalFileSecretStoreTests : IDisposable
{
    private const string Name = "gitlab-c1-webhook-secret";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "secrets-tests-" + Guid.NewGuid().ToString("N"));
    private readonly InMemoryLoggerProvider _logs = new();
    private readonly FakeTimeProvider _time = new();

    private string FilePath => Path.Combine(_directory, "nested", "secrets.json");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Keeps_every_version_and_serves_latest_or_specific()
    {
        using var store = CreateStore();
        var first = await store.SetAsync(Name, "one", null, default);
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await store.SetAsync(Name, "two", null, default);

        Assert.Matches("^[0-9a-f]{32}$", first.Version);
        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal("two", (await store.GetAsync(Name, null, default))!.Value);
        Assert.Equal("one", (await store.GetAsync(Name, first.Version, default))!.Value);
        Assert.Equal(_time.GetUtcNow(), second.UpdatedOn);
        Assert.Null(await store.GetAsync(Name, "0123456789abcdef0123456789abcdef", default));
        Assert.Null(await store.GetAsync("gitlab-other-token", null, default));
    }

    [Fact]
    public async Task Persists_across_instances()
    {
        var expires = new DateTimeOffset(2027, 5, 1, 0, 0, 0, TimeSpan.Zero);
        StoredSecret created;
        using (var writer = CreateStore())
        {
            created = await writer.SetAsync(Name, "persisted", new SecretWriteOptions(expires, new Dictionary<string, string> { ["k"] = "v" }), default);
        }

        using var reader = CreateStore();
        var read = await reader.GetAsync(Name, null, default);

        Assert.Equal(created.Version, read!.Version);
        Assert.Equal("persisted", read.Value);
        Assert.Equal(expires, read.ExpiresOn);
        Assert.Equal("v", read.Tags["k"]);
    }

    [UnixOnlyFact]
    [UnsupportedOSPlatform("windows")]
    public async Task Creates_the_file_readable_by_its_owner_only()
    {
        using var store = CreateStore();
        await store.SetAsync(Name, "value", null, default);
        await store.SetAsync(Name, "value-2", null, default);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
    }

    [UnixOnlyFact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_secrets_file_readable_by_others_is_made_private_when_read()
    {
        using (var writer = CreateStore())
        {
            await writer.SetAsync(Name, "value", null, default);
        }

        File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var store = CreateStore();

        Assert.Equal("value", (await store.GetAsync(Name, null, default))!.Value);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
    }

    [Fact]
    public async Task Concurrent_writes_all_land_and_leave_no_temp_files()
    {
        using var store = CreateStore();

        var created = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Task.Run(() => store.SetAsync(i % 2 == 0 ? Name : "gitlab-c2-token", $"value-{i}", null, default))));

        using var reader = CreateStore();
        foreach (var secret in created)
        {
            Assert.Equal(secret.Value, (await reader.GetAsync(secret.Name, secret.Version, default))!.Value);
        }

        Assert.Equal(["secrets.json"], Directory.GetFiles(Path.GetDirectoryName(FilePath)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Updates_expiry_and_replaces_tags_of_one_version()
    {
        using var store = CreateStore();
        var first = await store.SetAsync(Name, "one", new SecretWriteOptions(Tags: new Dictionary<string, string> { ["old"] = "1" }), default);
        await store.SetAsync(Name, "two", null, default);
        var expires = _time.GetUtcNow().AddDays(30);

        await store.UpdatePropertiesAsync(Name, first.Version, expires, new Dictionary<string, string> { ["new"] = "2" }, default);

        var read = await store.GetAsync(Name, first.Version, default);
        Assert.Equal(expires, read!.ExpiresOn);
        Assert.Equal(new Dictionary<string, string> { ["new"] = "2" }, read.Tags);
        Assert.Null((await store.GetAsync(Name, null, default))!.ExpiresOn);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.UpdatePropertiesAsync(Name, "0123456789abcdef0123456789abcdef", expires, null, default));
    }

    [Fact]
    public async Task Delete_removes_every_version_and_tolerates_a_missing_secret()
    {
        using var store = CreateStore();
        await store.SetAsync(Name, "one", null, default);
        await store.SetAsync("gitlab-keep-token", "kept", null, default);

        await store.DeleteAsync(Name, default);
        await store.DeleteAsync(Name, default);

        Assert.Null(await store.GetAsync(Name, null, default));
        Assert.Equal("kept", (await store.GetAsync("gitlab-keep-token", null, default))!.Value);
    }

    [Fact]
    public async Task Unreadable_file_makes_the_store_unavailable_without_leaking_contents()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        await File.WriteAllTextAsync(FilePath, "{ \"secrets\": { \"x\": [ { \"value\": \"leaky-value\" ");
        using var store = CreateStore();

        var e = await Assert.ThrowsAsync<SecretStoreUnavailableException>(() => store.GetAsync(Name, null, default));

        Assert.False(await store.IsAvailableAsync(default));
        Assert.DoesNotContain("leaky-value", e.Message, StringComparison.Ordinal);
        Assert.All(_logs.Entries, l => Assert.DoesNotContain("leaky-value", l.AllText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Warns_once_that_secrets_are_unencrypted_and_never_logs_values()
    {
        using var store = CreateStore();
        await store.SetAsync(Name, "local-secret-value", null, default);
        await store.GetAsync(Name, null, default);
        await store.DeleteAsync(Name, default);

        var warning = Assert.Single(_logs.Entries, e => e.EventId.Id == 1100);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(FilePath, warning.Message, StringComparison.Ordinal);
        Assert.All(_logs.Entries, e => Assert.DoesNotContain("local-secret-value", e.AllText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Is_available_before_the_file_exists()
    {
        using var store = CreateStore();

        Assert.True(await store.IsAvailableAsync(default));
        Assert.False(File.Exists(FilePath));
    }

    private LocalFileSecretStore CreateStore() =>
        new(Options.Create(new SecretStoreOptions { LocalSecretsPath = FilePath }), _time, _logs.CreateFactory().CreateLogger<LocalFileSecretStore>());
}
