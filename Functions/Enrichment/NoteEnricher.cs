namespace GitLabConnector.Enrichment;

/// <summary>From the payload alone: GitLab is asked only for an author who is not the payload's user.</summary>
public sealed class NoteEnricher(UserDirectory users) : ISubjectEnricher
{
    public IReadOnlyCollection<string> Kinds => ["note"];

    public async Task<SubjectEnrichment> EnrichAsync(EnrichmentScope scope, CancellationToken cancellationToken)
    {
        var payload = scope.Payload;
        var attributes = payload.Object("object_attributes") ?? default;
        var noteableType = attributes.String("noteable_type");
        var noteable = NoteableObject(payload, noteableType);

        var authorId = attributes.Long("author_id");
        EnrichedUser? author = authorId is null || authorId == scope.Actor?.Id
            ? scope.Actor
            : await users.ResolveAsync(scope, authorId.Value, cancellationToken).ConfigureAwait(false);

        var isMergeRequest = noteableType == "MergeRequest";
        var isDiffNote = attributes.String("type") == "DiffNote" || attributes.Object("position") is not null;
        var commitMessage = noteableType == "Commit" ? noteable?.String("message") : null;
        var title = noteable?.String("title") ?? FirstLine(commitMessage);

        var subject = new JsonObject
        {
            ["noteId"] = attributes.Long("id"),
            ["noteableType"] = noteableType,
            ["noteable"] = new JsonObject
            {
                ["iid"] = noteable?.Long("iid"),
                ["title"] = title,
                // A note's URL is the noteable's URL plus "#note_123".
                ["webUrl"] = noteable?.String("url") ?? attributes.String("url")?.Split('#')[0],
            },
            ["isReviewComment"] = isMergeRequest && isDiffNote,
            ["author"] = SubjectJson.User(author),
            ["body"] = attributes.String("note"),
        };

        return new SubjectEnrichment(subject, [isMergeRequest ? noteable?.String("source_branch") : null, title, commitMessage]);
    }

    private static JsonElement? NoteableObject(JsonElement payload, string? noteableType) => noteableType switch
    {
        "MergeRequest" => payload.Object("merge_request"),
        "Issue" => payload.Object("issue"),
        "Commit" => payload.Object("commit"),
        "Snippet" => payload.Object("snippet"),
        _ => payload.Object("merge_request") ?? payload.Object("issue") ?? payload.Object("commit") ?? payload.Object("snippet"),
    };

    internal static string? FirstLine(string? text) =>
        string.IsNullOrEmpty(text) ? null : text.Split('\n')[0].TrimEnd('\r');
}
