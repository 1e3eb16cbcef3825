using System.Collections.Concurrent;
using GitLabConnector.GitLab;

namespace GitLabConnector.Enrichment;

/// <summary>The payload lists at most the newest 20 commits; their stats cost <c>GET repository/commits/:sha</c> each, a few at a time.</summary>
public sealed class PushEnricher(IGitLabApi gitLab, IOptions<EnrichmentOptions> options) : ISubjectEnricher
{
    private readonly EnrichmentOptions _options = options.Value;

    public IReadOnlyCollection<string> Kinds => ["push", "tag_push"];

    public async Task<SubjectEnrichment> EnrichAsync(EnrichmentScope scope, CancellationToken cancellationToken)
    {
        var payload = scope.Payload;
        var commits = payload.Array("commits")?.EnumerateArray().Where(c => c.String("id") is not null).ToList() ?? [];
        var stats = await StatsAsync(scope, commits, cancellationToken).ConfigureAwait(false);

        var subject = new JsonObject
        {
            ["ref"] = payload.String("ref"),
            ["before"] = payload.String("before"),
            ["after"] = payload.String("after"),
            ["commits"] = new JsonArray([.. commits.Select(c => (JsonNode)CommitJson(c, stats))]),
            ["totalCommits"] = payload.Long("total_commits_count") ?? commits.Count,
        };

        return new SubjectEnrichment(subject, [BranchName(payload.String("ref")), .. commits.Select(c => c.String("message") ?? c.String("title"))]);
    }

    private async Task<IReadOnlyDictionary<string, JsonElement>> StatsAsync(EnrichmentScope scope, List<JsonElement> commits, CancellationToken cancellationToken)
    {
        var stats = new ConcurrentDictionary<string, JsonElement>(StringComparer.Ordinal);
        if (scope.Project?.Id is not { } projectId || _options.MaxPushCommitStats <= 0 || commits.Count == 0)
        {
            return stats;
        }

        // The payload lists commits oldest first; the newest ones are the ones worth the calls.
        var shas = commits.Select(c => c.String("id")!).Distinct(StringComparer.Ordinal).TakeLast(_options.MaxPushCommitStats).ToList();
        await Parallel.ForEachAsync(
            shas,
            new ParallelOptions { MaxDegreeOfParallelism = _options.CommitStatsParallelism, CancellationToken = cancellationToken },
            async (sha, ct) =>
            {
                var path = EventEnricher.ResourcePath(projectId, $"repository/commits/{sha}");
                var commit = await scope.TryReadAsync(path, c => gitLab.GetCommitAsync(scope.GitLab, projectId, sha, c), ct).ConfigureAwait(false);
                if (commit?.Object("stats") is { } s)
                {
                    stats[sha] = s;
                }
            }).ConfigureAwait(false);
        return stats;
    }

    private static JsonObject CommitJson(JsonElement commit, IReadOnlyDictionary<string, JsonElement> stats)
    {
        var sha = commit.String("id")!;
        var author = commit.Object("author");
        var stat = stats.TryGetValue(sha, out var s) ? s : (JsonElement?)null;
        return new JsonObject
        {
            ["sha"] = sha,
            ["title"] = commit.String("title") ?? NoteEnricher.FirstLine(commit.String("message")),
            ["author"] = author is { } a ? new JsonObject { ["name"] = a.String("name"), ["email"] = a.String("email") } : null,
            ["additions"] = stat?.Long("additions"),
            ["deletions"] = stat?.Long("deletions"),
        };
    }

    private static string? BranchName(string? gitRef) =>
        gitRef?.StartsWith("refs/heads/", StringComparison.Ordinal) == true ? gitRef["refs/heads/".Length..] : gitRef;
}
