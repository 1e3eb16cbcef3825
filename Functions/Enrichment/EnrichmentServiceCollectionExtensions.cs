namespace GitLabConnector.Enrichment;

public static class EnrichmentServiceCollectionExtensions
{
    public static IServiceCollection AddEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EnrichmentOptions>()
            .Bind(configuration.GetSection(EnrichmentOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EnrichmentOptions>, EnrichmentOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IUserEmailMap, NullUserEmailMap>();
        services.TryAddSingleton<UserDirectory>();
        services.TryAddSingleton<PassThroughEnricher>();
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<ISubjectEnricher, MergeRequestEnricher>(),
            ServiceDescriptor.Singleton<ISubjectEnricher, NoteEnricher>(),
            ServiceDescriptor.Singleton<ISubjectEnricher, PushEnricher>(),
            ServiceDescriptor.Singleton<ISubjectEnricher, PipelineEnricher>(),
            ServiceDescriptor.Singleton<ISubjectEnricher, IssueEnricher>(),
            ServiceDescriptor.Singleton<ISubjectEnricher, CommitEnricher>(),
        ]);
        services.TryAddSingleton<EventEnricher>();

        services.AddMetrics();
        services.TryAddSingleton<EnvelopeReader>();
        services.TryAddSingleton<DedupeStore>();
        services.TryAddSingleton<Connections.ConnectionCache>();
        services.TryAddSingleton<EnrichedRecordStore>();
        services.TryAddSingleton<ProjectActivity>();
        services.TryAddSingleton<EnrichedPublisher>();
        services.TryAddSingleton<ParkedEventStore>();
        services.TryAddSingleton<IParkedEvents>(sp => sp.GetRequiredService<ParkedEventStore>());
        services.TryAddSingleton<FailureLog>();
        services.TryAddSingleton<IDeadLetters, PoisonQueueDeadLetters>();
        services.TryAddSingleton<EnrichmentMetrics>();
        services.TryAddSingleton<EnrichmentProcessor>();
        services.TryAddSingleton<EventStatusQuery>();
        return services;
    }
}
