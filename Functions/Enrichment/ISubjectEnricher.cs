namespace GitLabConnector.Enrichment;

/// <summary>Builds the <c>subject</c> of one or more object kinds (docs/enriched-records.md).</summary>
public interface ISubjectEnricher
{
    /// <summary>The <c>object_kind</c> values this enricher handles.</summary>
    IReadOnlyCollection<string> Kinds { get; }

    Task<SubjectEnrichment> EnrichAsync(EnrichmentScope scope, CancellationToken cancellationToken);
}

/// <param name="Subject">The per-kind details (the record's <c>subject</c>).</param>
/// <param name="JiraKeySources">Branch names, titles and commit messages to look for Jira keys in.</param>
public sealed record SubjectEnrichment(JsonObject Subject, IReadOnlyList<string?> JiraKeySources);
