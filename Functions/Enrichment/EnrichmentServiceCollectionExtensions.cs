namespace GitLabConnector.Enrichment;

/// <summary>Registers the Enrichment capability.</summary>
public static class EnrichmentServiceCollectionExtensions
{
    public static IServiceCollection AddEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AddEnrichers(services, configuration);
        AddProcessing(services);
        return services;
    }

    /// <summary>The <c>enrich</c> queue function and its bookkeeping: dedupe, records, publishing, parking, dead letters.</summary>
    private static void AddProcessing(IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<EnvelopeReader>();
        services.TryAddSingleton<DedupeStore>();
        services.TryAddSingleton<UnmarkedPublications>();
        services.TryAddSingleton<Connections.ConnectionCache>();
        services.TryAddSingleton<EnrichedRecordStore>();
        services.TryAddSingleton<EnrichedPublisher>();
        services.TryAddSingleton<ParkedEventStore>();
        services.TryAddSingleton<IParkedEvents>(sp => sp.GetRequiredService<ParkedEventStore>());
        services.TryAddSingleton<FailureLog>();
        services.TryAddSingleton<PoisonQueue>();
        services.TryAddSingleton<IDeadLetters, PoisonQueueDeadLetters>();
        services.TryAddSingleton<EnrichmentMetrics>();
        services.TryAddSingleton<EnrichmentProcessor>();
        services.TryAddSingleton<EventStatusQuery>();
    }

    /// <summary>The per-kind enrichers and what they share (user directory, caches, options).</summary>
    private static void AddEnrichers(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EnrichmentOptions>()
            .Bind(configuration.GetSection(EnrichmentOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EnrichmentOptions>, EnrichmentOptionsValidator>();
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
