using System.Text.Json.Nodes;

namespace GitLabConnector.Sync;

/// <summary>
/// Shapes a REST list item like the webhook payload of its kind, so the same enrichers apply. The actor of a merge request or
/// issue is its author: the API does not say who made the last change.
/// </summary>
public static class SyncPayload
{
    public static JsonObject Shape(string kind, JsonElement item, SyncProject project)
    {
        var attributes = JsonNode.Parse(item.GetRawText())!.AsObject();
        var payload = new JsonObject
        {
            ["object_kind"] = kind,
            ["project"] = new JsonObject { ["id"] = project.Id, ["path_with_namespace"] = project.Path, ["web_url"] = project.WebUrl },
            ["object_attributes"] = attributes,
        };

        if (kind is SyncKinds.MergeRequest or SyncKinds.Issue)
        {
            attributes["url"] = attributes["web_url"]?.DeepClone();
            attributes["author_id"] = attributes["author"]?["id"]?.DeepClone();
            payload["user"] = attributes["author"]?.DeepClone();
        }

        if (kind == SyncKinds.MergeRequest)
        {
            attributes["last_commit"] = new JsonObject { ["id"] = attributes["sha"]?.DeepClone() };
            payload["reviewers"] = attributes["reviewers"]?.DeepClone();
        }
        else if (kind == SyncKinds.Issue)
        {
            payload["assignees"] = attributes["assignees"]?.DeepClone();
            payload["labels"] = new JsonArray([.. (attributes["labels"] as JsonArray ?? []).Select(l => (JsonNode)new JsonObject { ["title"] = l?.DeepClone() })]);
            attributes["time_estimate"] = attributes["time_stats"]?["time_estimate"]?.DeepClone();
            attributes["total_time_spent"] = attributes["time_stats"]?["total_time_spent"]?.DeepClone();
        }
        else if (kind == SyncKinds.Pipeline)
        {
            payload["user"] = attributes["user"]?.DeepClone();
        }

        return payload;
    }
}

public sealed record SyncProject(long Id, string? Path, string? WebUrl);
