namespace GitLabConnector.Enrichment;

/// <summary>Builds the <c>subject</c> of one or more object kinds (docs/enriched-records.md).</summary>
public interface ISubjectEnricher
{
    IReadOnlyCollection<string> Kinds { get; }

    Task<SubjectEnrichment> EnrichAsync(EnrichmentScope scope, CancellationToken cancellationToken);
}

/// <param name="JiraKeySources">Branch names, titles and commit messages to look for Jira keys in.</param>
public sealed record SubjectEnrichment(JsonObject Subject, IReadOnlyList<string?> JiraKeySources);
