using GitLabConnector.Configuration;

namespace GitLabConnector.GitLab;

public static class GitLabServiceCollectionExtensions
{
    public const string HttpClientName = "GitLab";

    public static IServiceCollection AddGitLab(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GitLabApiOptions>().Bind(configuration.GetSection(GitLabApiOptions.Section)).ValidateOnStart(new GitLabApiOptionsValidator())
            .Configure(o => o.AllowInsecureGitLabUrls = configuration.GetValue("Connector:AllowInsecureGitLabUrls", o.AllowInsecureGitLabUrls));
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GitLabRateBudgets>();
        services.TryAddSingleton<GitLabBackoff>();
        services.TryAddSingleton<GitLabMetrics>();
        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.TryAddSingleton<GitLabSocketConnector>();
        services.TryAddSingleton<GitLabRequestSender>();
        services.TryAddSingleton<IGitLabApi, GitLabClient>();
        services.TryAddSingleton<GitLabHttpClients>();

        // Every connection dials only addresses the address policy allows under the settings in force now.
        services.AddHttpClient(HttpClientName, GitLabHttpClients.Configure)
            .ConfigurePrimaryHttpMessageHandler(sp => GitLabHttpClients.CreateHandler(sp.GetRequiredService<GitLabSocketConnector>(), trust: null))
            // One handler for good: PooledConnectionLifetime already renews connections (DNS changes), and the pool stays warm.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // Never print header values (PRIVATE-TOKEN) in HttpClient's own logs.
            .RedactLoggedHeaders(static _ => true);
        return services;
    }
}
