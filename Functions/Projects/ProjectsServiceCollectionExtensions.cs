using GitLabConnector.Sync;

namespace GitLabConnector.Projects;

/// <summary>Registers the Projects capability: the listing, hook create-or-repair, and the hook check the <c>sync</c> timer runs.</summary>
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
