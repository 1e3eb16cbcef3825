namespace GitLabConnector.Enrichment;

/// <summary>Registers the Enrichment capability.</summary>
public static class EnrichmentServiceCollectionExtensions
{
    public static IServiceCollection AddEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
