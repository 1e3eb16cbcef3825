using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitLabConnector.Enrichment;

/// <summary>Registers the Enrichment capability.</summary>
public static class EnrichmentServiceCollectionExtensions
{
    public static IServiceCollection AddEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddEnrichers(services, configuration);
        return services;
    }

    /// <summary>The per-kind enrichers and what they share (user directory, caches, options).</summary>
    private static void AddEnrichers(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EnrichmentOptions>()
            .Bind(configuration.GetSection(EnrichmentOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IUserEmailMap, NullUserEmailMap>();
        services.TryAddSingleton<UserDirectory>();
        services.TryAddSingleton<MergeRequestFactsCache>();
        services.TryAddSingleton<PassThroughEnricher>();
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<ISubjectEnricher, MergeRequestEnricher>(),
            ServiceDescriptor.Singleton<ISubjectEnricher, NoteEnricher>(),
            ServiceDescriptor.Singleton<ISubjectEnricher, PushEnricher>(),
            ServiceDescriptor.Singleton<ISubjectEnricher, PipelineEnricher>(),
            ServiceDescriptor.Singleton<ISubjectEnricher, IssueEnricher>(),
        ]);
        services.TryAddSingleton<IEventEnricher, EventEnricher>();
    }
}
