using Azure.Security.KeyVault.Secrets;
using GitLabConnector.Configuration;
using GitLabConnector.Identity;

namespace GitLabConnector.Secrets;

public static class SecretsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ISecretStore"/> = <see cref="CachingSecretStore"/> over <see cref="KeyVaultSecretStore"/> when
    /// <c>Connector:KeyVaultUri</c> is set, else over <see cref="LocalFileSecretStore"/>. Everything is TryAdd, so a test
    /// may register its own <see cref="SecretClient"/> (or store) first.
    /// </summary>
    public static IServiceCollection AddSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecretStoreOptions>().Bind(configuration.GetSection(SecretStoreOptions.Section)).ValidateOnStart(new SecretStoreOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => ConnectorCredential.Create(configuration));

        var vaultUri = configuration["Connector:KeyVaultUri"];
        if (!string.IsNullOrWhiteSpace(vaultUri))
        {
            var uri = new Uri(vaultUri, UriKind.Absolute);
            services.TryAddSingleton(sp => new SecretClient(uri, sp.GetRequiredService<TokenCredential>(), CreateClientOptions()));
            services.TryAddSingleton<KeyVaultSecretStore>();
            services.TryAddSingleton(sp => CreateCache(sp, sp.GetRequiredService<KeyVaultSecretStore>(), "Azure Key Vault", uri.ToString()));
        }
        else
        {
            services.TryAddSingleton<LocalFileSecretStore>();
            services.TryAddSingleton(sp =>
            {
                var store = sp.GetRequiredService<LocalFileSecretStore>();
                return CreateCache(sp, store, "local file", store.FilePath);
            });
        }

        services.TryAddSingleton<ISecretStore>(sp => sp.GetRequiredService<CachingSecretStore>());
        services.TryAddSingleton<ISecretCache>(sp => sp.GetRequiredService<CachingSecretStore>());
        return services;
    }

    private static CachingSecretStore CreateCache(IServiceProvider services, ISecretStore inner, string kind, string location)
    {
        SecretsLog.SecretStoreSelected(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecretsServiceCollectionExtensions).FullName!), kind, location);
        return ActivatorUtilities.CreateInstance<CachingSecretStore>(services, inner);
    }

    /// <summary>Fail fast: the cache covers outages, so long SDK waits only delay webhook answers.</summary>
    private static SecretClientOptions CreateClientOptions() => new()
    {
        Retry =
        {
            Mode = RetryMode.Exponential,
            MaxRetries = 3,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(4),
            NetworkTimeout = TimeSpan.FromSeconds(10),
        },
    };
}
