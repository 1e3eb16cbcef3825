using System.Security.Cryptography;

namespace GitLabConnector.Enrichment;

/// <summary>One change whichever hook delivered it (a project and a group hook), so it is processed once; null when the payload lacks what makes it unique.</summary>
public static class ContentKey
{
    public static string? For(string? objectKind, JsonElement payload)
    {
        if (objectKind is null || payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var project = payload.TryGetProperty("project", out var p) && p.TryGetProperty("id", out var pid) ? pid.GetRawText() : payload.String("project_id");
        string?[] parts = objectKind switch
        {
            "push" or "tag_push" => [payload.String("ref"), payload.String("before"), payload.String("after")],
            "build" => [payload.String("build_id"), payload.String("build_status"), payload.String("build_finished_at") ?? payload.String("build_started_at")],
            _ when payload.TryGetProperty("object_attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object =>
                [attributes.String("id"), attributes.String("action") ?? attributes.String("status"), attributes.String("updated_at")],
            _ => [],
        };

        if (parts.Length == 0 || parts.Any(string.IsNullOrEmpty))
        {
            return null;
        }

        var material = string.Join('\n', [objectKind, project, .. parts]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }
}
