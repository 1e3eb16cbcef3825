using Azure.Security.KeyVault.Secrets;
using GitLabConnector.Secrets;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeKeyVault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace GitLabConnector.Tests.Secrets;

public sealed class SecretsServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "secrets-di-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Uses_key_vault_when_a_vault_uri_is_configured()
    {
        await using var vault = await FakeKeyVault.StartAsync();
        var services = NewServices();
        services.AddSingleton(vault.CreateSecretClient());
        services.AddSecrets(Configuration(("Connector:KeyVaultUri", vault.VaultUri.ToString())));
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<ISecretStore>();
        await store.SetAsync("gitlab-c1-token", "from-di", null, default);

        var cache = Assert.IsType<CachingSecretStore>(store);
        Assert.IsType<KeyVaultSecretStore>(cache.Inner);
        Assert.Same(cache, provider.GetRequiredService<CachingSecretStore>());
        Assert.Equal("from-di", Assert.Single(vault.State.Versions("gitlab-c1-token")).Value);
        Assert.Equal("from-di", (await store.GetAsync("gitlab-c1-token", null, default))!.Value);
    }

    [Fact]
    public async Task Builds_a_secret_client_for_the_configured_vault_when_none_is_registered()
    {
        var services = NewServices();
        services.AddSecrets(Configuration(("Connector:KeyVaultUri", "https://kv-test.vault.azure.net/")));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<SecretClient>();

        Assert.Equal(new Uri("https://kv-test.vault.azure.net/"), client.VaultUri);
    }

    [Fact]
    public async Task Uses_the_local_file_when_no_vault_is_configured()
    {
        var path = Path.Combine(_directory, "secrets.json");
        var services = NewServices();
        services.Configure<SecretStoreOptions>(o => o.LocalSecretsPath = path);
        services.AddSecrets(Configuration());
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<ISecretStore>();
        await store.SetAsync("gitlab-c1-token", "local", null, default);

        var local = Assert.IsType<LocalFileSecretStore>(Assert.IsType<CachingSecretStore>(store).Inner);
        Assert.Equal(path, local.FilePath);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task A_store_registered_before_add_secrets_wins()
    {
        var own = Substitute.For<ISecretStore>();
        var services = NewServices();
        services.AddSingleton(own);
        services.AddSecrets(Configuration());
        await using var provider = services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<ISecretStore>());
    }

    private static ServiceCollection NewServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        return services;
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
