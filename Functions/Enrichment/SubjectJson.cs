namespace GitLabConnector.Enrichment;

/// <summary>How users and timestamps look inside a subject: the same shape and format as the record's own fields.</summary>
internal static class SubjectJson
{
    public static JsonNode? User(EnrichedUser? user) =>
        user is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(user, EnrichmentJsonContext.Default.EnrichedUser);

    public static JsonArray Users(IEnumerable<EnrichedUser> users) => [.. users.Select(User)];

    public static JsonNode? Timestamp(DateTimeOffset? value) => value is { } v ? JsonValue.Create(GitLabTimestamp.Format(v)) : null;
}
