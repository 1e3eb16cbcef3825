namespace GitLabConnector.Enrichment;

/// <summary>Payload assignees may lack their <c>id</c>: it is taken from <c>assignee_ids</c> when both list as many people.</summary>
public sealed class IssueEnricher(UserDirectory users) : ISubjectEnricher
{
    public IReadOnlyCollection<string> Kinds => ["issue", "work_item"];

    public async Task<SubjectEnrichment> EnrichAsync(EnrichmentScope scope, CancellationToken cancellationToken)
    {
        var payload = scope.Payload;
        var attributes = payload.Object("object_attributes") ?? default;
        var labels = payload.Array("labels") ?? attributes.Array("labels");

        var subject = new JsonObject
        {
            ["iid"] = attributes.Long("iid"),
            ["title"] = attributes.String("title"),
            ["state"] = attributes.String("state"),
            ["action"] = attributes.String("action"),
            ["labels"] = new JsonArray([.. (labels?.EnumerateArray() ?? default).Select(l => l.String("title")).OfType<string>().Select(t => (JsonNode)JsonValue.Create(t))]),
            ["assignees"] = SubjectJson.Users(await AssigneesAsync(scope, payload, attributes, cancellationToken).ConfigureAwait(false)),
            ["timeStats"] = new JsonObject
            {
                ["estimate"] = attributes.Long("time_estimate"),
                ["spent"] = attributes.Long("total_time_spent"),
            },
        };

        return new SubjectEnrichment(subject, [attributes.String("title")]);
    }

    private async Task<IReadOnlyList<EnrichedUser>> AssigneesAsync(EnrichmentScope scope, JsonElement payload, JsonElement attributes, CancellationToken cancellationToken)
    {
        var ids = attributes.Longs("assignee_ids");
        if (payload.Array("assignees") is not { } assignees)
        {
            return await users.ResolveAllAsync(scope, ids, cancellationToken).ConfigureAwait(false);
        }

        var objects = assignees.EnumerateArray().ToList();
        var found = new List<EnrichedUser>();
        foreach (var (i, json) in objects.Index())
        {
            long? listedId = objects.Count == ids.Count ? ids[i] : null;
            var user = await users.FromFieldsAsync(scope.ConnectionId, json.Long("id") ?? listedId, json.String("username"), json.String("name"), json.String("email"), cancellationToken).ConfigureAwait(false);
            if (user is not null)
            {
                found.Add(user);
            }
        }

        return found;
    }
}
