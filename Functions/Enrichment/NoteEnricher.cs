namespace GitLabConnector.Enrichment;

/// <summary>
/// <c>note</c> subjects, from the payload alone: the commented object sits under <c>merge_request</c>, <c>issue</c>,
/// <c>commit</c> or <c>snippet</c>. GitLab is asked only for an author who is not the payload's user.
/// </summary>
public sealed class NoteEnricher : ISubjectEnricher
{
    private readonly UserDirectory _users;

    public NoteEnricher(UserDirectory users) => _users = users;

    public IReadOnlyCollection<string> Kinds => ["note"];

    public async Task<SubjectEnrichment> EnrichAsync(EnrichmentScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var payload = scope.Payload;
        var attributes = payload.Object("object_attributes") ?? default;
        var noteableType = attributes.String("noteable_type");
        var noteable = NoteableObject(payload, noteableType);
        var noteUrl = attributes.String("url");

        var authorId = attributes.Long("author_id");
        EnrichedUser? author = authorId is null || authorId == scope.Actor?.Id
            ? scope.Actor
            : await _users.ResolveAsync(scope, authorId.Value, cancellationToken).ConfigureAwait(false);

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
                ["webUrl"] = noteable?.String("url") ?? WithoutFragment(noteUrl),
            },
            ["isReviewComment"] = isMergeRequest && isDiffNote,
            ["author"] = SubjectJson.User(author),
            ["body"] = attributes.String("note"),
        };

        IReadOnlyList<string?> jiraSources =
        [
            isMergeRequest ? noteable?.String("source_branch") : null,
            title,
            commitMessage,
        ];
        return new SubjectEnrichment(subject, jiraSources);
    }

    private static JsonElement? NoteableObject(JsonElement payload, string? noteableType) => noteableType switch
    {
        "MergeRequest" => payload.Object("merge_request"),
        "Issue" => payload.Object("issue"),
        "Commit" => payload.Object("commit"),
        "Snippet" => payload.Object("snippet"),
        _ => payload.Object("merge_request") ?? payload.Object("issue") ?? payload.Object("commit") ?? payload.Object("snippet"),
    };

    /// <summary>A note's URL is the noteable's URL plus <c>#note_123</c>; used when the noteable object has no <c>url</c>.</summary>
    private static string? WithoutFragment(string? url)
    {
        if (url is null)
        {
            return null;
        }

        var hash = url.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? url : url[..hash];
    }

    internal static string? FirstLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? text : text[..newline]).TrimEnd('\r');
    }
}
