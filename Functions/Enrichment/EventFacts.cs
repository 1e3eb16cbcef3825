using GitLabConnector.Webhooks;

namespace GitLabConnector.Enrichment;

/// <summary>The record fields every kind shares (kind, action, occurredAt, project, actor), read from the payload.</summary>
public static class EventFacts
{
    /// <summary>The envelope's object kind, else the payload's <c>object_kind</c>, else <c>event_name</c> (Member/Project/Subgroup Hook).</summary>
    public static string Kind(EventEnvelope envelope, JsonElement payload) =>
        NonEmpty(envelope.ObjectKind)
        ?? NonEmpty(payload.String("object_kind"))
        ?? NonEmpty(payload.String("event_name"))
        ?? envelope.EventName;

    public static bool IsPush(string kind) => kind is "push" or "tag_push";

    /// <summary><c>object_attributes.action</c>, else a top-level <c>action</c>, else <c>event_name</c> for system-style bodies.</summary>
    public static string? Action(JsonElement payload) =>
        NonEmpty(payload.Object("object_attributes")?.String("action"))
        ?? NonEmpty(payload.String("action"))
        ?? NonEmpty(payload.String("event_name"));

    public static DateTimeOffset OccurredAt(string kind, JsonElement payload, DateTimeOffset receivedAt)
    {
        if (IsPush(kind))
        {
            return payload.Array("commits") is { } commits && commits.GetArrayLength() > 0
                ? commits[commits.GetArrayLength() - 1].Timestamp("timestamp") ?? receivedAt
                : receivedAt;
        }

        var attributes = payload.Object("object_attributes") ?? default;
        return attributes.Timestamp("actioned_at")
            ?? attributes.Timestamp("updated_at")
            ?? attributes.Timestamp("finished_at")
            ?? attributes.Timestamp("created_at")
            ?? payload.Timestamp("status_changed_at")
            ?? payload.Timestamp("build_finished_at")
            ?? payload.Timestamp("build_started_at")
            ?? payload.Timestamp("build_created_at")
            ?? payload.Timestamp("updated_at")
            ?? payload.Timestamp("created_at")
            ?? receivedAt;
    }

    /// <summary>The payload's <c>project</c>, else top-level <c>project_id</c>/<c>path_with_namespace</c> (Project Hook), else <c>object_attributes.project_id</c>.</summary>
    public static EnrichedProject? Project(JsonElement payload)
    {
        if (payload.Object("project") is { } project)
        {
            return new EnrichedProject(project.Long("id") ?? payload.Long("project_id"), project.String("path_with_namespace"), project.String("web_url"));
        }

        if (payload.Long("project_id") is { } projectId)
        {
            return new EnrichedProject(projectId, payload.String("path_with_namespace"), null);
        }

        return payload.Object("object_attributes")?.Long("project_id") is { } attributeProjectId
            ? new EnrichedProject(attributeProjectId, null, null)
            : null;
    }

    /// <summary>The payload's <c>user</c>; for push and tag push the <c>user_*</c> fields.</summary>
    public static ValueTask<EnrichedUser?> ActorAsync(string kind, JsonElement payload, string connectionId, UserDirectory users, CancellationToken cancellationToken) =>
        IsPush(kind)
            ? users.FromFieldsAsync(connectionId, payload.Long("user_id"), payload.String("user_username"), payload.String("user_name"), payload.String("user_email"), cancellationToken)
            : users.FromPayloadAsync(connectionId, payload.Object("user"), cancellationToken);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
