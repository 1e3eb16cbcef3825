using GitLabConnector.Sync;

namespace GitLabConnector.Projects;

public static class ProjectsServiceCollectionExtensions
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.TryAddSingleton<ProjectListing>();
        services.TryAddSingleton<ProjectHookInstaller>();
        services.TryAddSingleton<HookCheckStore>();
        services.TryAddSingleton<HookAlertPublisher>();
        services.TryAddSingleton<FailedDeliveryResender>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IScheduledConnectionCheck, HookCheck>());
        return services;
    }
}
