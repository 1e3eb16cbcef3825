namespace GitLabConnector.Enrichment;

/// <summary><c>commit</c> subjects (sync only: a default-branch commit no push carried), from the commits list item in <c>object_attributes</c>.</summary>
public sealed class CommitEnricher : ISubjectEnricher
{
    public IReadOnlyCollection<string> Kinds => ["commit"];

    public Task<SubjectEnrichment> EnrichAsync(EnrichmentScope scope, CancellationToken cancellationToken)
    {
        var commit = scope.Payload.Object("object_attributes") ?? default;
        var stats = commit.Object("stats");
        var subject = new JsonObject
        {
            ["sha"] = commit.String("id"),
            ["title"] = commit.String("title") ?? NoteEnricher.FirstLine(commit.String("message")),
            ["author"] = new JsonObject { ["name"] = commit.String("author_name"), ["email"] = commit.String("author_email") },
            ["committedAt"] = commit.Timestamp("committed_date") is { } at ? GitLabTimestamp.Format(at) : null,
            ["additions"] = stats?.Long("additions"),
            ["deletions"] = stats?.Long("deletions"),
        };
        return Task.FromResult(new SubjectEnrichment(subject, [commit.String("message") ?? commit.String("title")]));
    }
}
