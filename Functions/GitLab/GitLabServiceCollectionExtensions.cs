namespace GitLabConnector.GitLab;

/// <summary>Registers the GitLab capability.</summary>
public static class GitLabServiceCollectionExtensions
{
    public static IServiceCollection AddGitLab(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
