namespace GitLabConnector.Enrichment;

/// <summary>
/// Kinds without their own enricher (build, deployment, release, member events…), without GitLab calls: the subject is the
/// payload's <c>object_attributes</c> as-is, or for bodies without one the body minus what the record already carries.
/// </summary>
public sealed class PassThroughEnricher : ISubjectEnricher
{
    private static readonly HashSet<string> CarriedElsewhere = new(StringComparer.Ordinal)
    {
        "object_kind", "event_type", "event_name", "user", "project", "repository",
    };

    public IReadOnlyCollection<string> Kinds => [];

    public Task<SubjectEnrichment> EnrichAsync(EnrichmentScope scope, CancellationToken cancellationToken)
    {
        var payload = scope.Payload;
        var attributes = payload.Object("object_attributes");

        var subject = attributes.ToNode() as JsonObject ?? new JsonObject();
        if (attributes is null && payload.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in payload.EnumerateObject().Where(p => !CarriedElsewhere.Contains(p.Name)))
            {
                subject[property.Name] = ((JsonElement?)property.Value).ToNode();
            }
        }

        IReadOnlyList<string?> jiraSources =
        [
            payload.String("ref"),
            attributes?.String("title"),
            attributes?.String("source_branch"),
            attributes?.String("ref"),
            payload.Object("commit")?.String("message"),
            payload.String("commit_title"),
        ];
        return Task.FromResult(new SubjectEnrichment(subject, jiraSources));
    }
}
