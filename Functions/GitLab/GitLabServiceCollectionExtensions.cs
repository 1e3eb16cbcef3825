using GitLabConnector.Configuration;

namespace GitLabConnector.GitLab;

/// <summary>Registers the GitLab capability.</summary>
public static class GitLabServiceCollectionExtensions
{
    public const string HttpClientName = "GitLab";

    public static IServiceCollection AddGitLab(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
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

        services.AddHttpClient(HttpClientName, http =>
            {
                // The client applies its own per-request timeout (GitLabApiOptions.Timeout) around each attempt.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("GitLabConnector/1.0");
            })
            // Redirects are followed by the client itself, GET and same origin only, so PRIVATE-TOKEN never leaves the instance.
            // Every connection dials only addresses the address policy allows under the settings in force now.
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = sp.GetRequiredService<GitLabSocketConnector>().ConnectAsync,
            })
            // One handler for good: PooledConnectionLifetime already renews connections (DNS changes), and the pool stays warm.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // Never print header values (PRIVATE-TOKEN) in HttpClient's own logs.
            .RedactLoggedHeaders(static _ => true);
        return services;
    }
}
