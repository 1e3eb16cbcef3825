using System.Security.Cryptography;

namespace GitLabConnector.Enrichment;

/// <summary>Dedupe keys of a change whichever way it arrives (webhook, resend, another hook, sync), so it is published once.</summary>
public static class ChangeKey
{
    public static IReadOnlyList<string> For(string kind, JsonElement payload)
    {
        if (EventFacts.Project(payload)?.Id is not { } project)
        {
            return [];
        }

        if (EventFacts.IsPush(kind))
        {
            return [.. (payload.Array("commits")?.EnumerateArray() ?? default).Select(c => c.String("id")).OfType<string>().Distinct().Select(sha => Key("commit", project, sha))];
        }

        var attributes = payload.Object("object_attributes") ?? default;
        var id = attributes.String("id");
        var version = kind switch
        {
            "merge_request" or "issue" => Normalise(attributes.Timestamp("updated_at")),
            "pipeline" => attributes.String("status"), // its payload has no updated_at
            "commit" => string.Empty,
            _ => null,
        };
        return id is null || version is null ? [] : [version.Length == 0 ? Key(kind, project, id) : Key(kind, project, id, version)];
    }

    // Whole UTC seconds: payloads and the API write updated_at differently.
    private static string? Normalise(DateTimeOffset? timestamp) =>
        timestamp is { } t ? GitLabTimestamp.Format(new DateTimeOffset(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero)) : null;

    private static string Key(string kind, long project, params string[] parts) =>
        "change-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', [kind, project.ToString(CultureInfo.InvariantCulture), .. parts]))));
}
