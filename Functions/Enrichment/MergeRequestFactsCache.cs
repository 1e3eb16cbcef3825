namespace GitLabConnector.Enrichment;

/// <summary>
/// Code-derived facts of a merge request (changed files, commits) only change when its head commit or target
/// branch does, so later events for the same head (approvals, comments resolved, label edits) need not ask again.
/// </summary>
public sealed class MergeRequestFactsCache(TimeProvider time, IOptions<EnrichmentOptions> options)
{
    private readonly BoundedTtlCache<Key, MergeRequestFacts> _cache = new(time, options.Value.MergeRequestFactsTtl, options.Value.MergeRequestFactsCacheSize);

    public MergeRequestFacts? Get(string connectionId, long projectId, long iid, string? headSha, string? targetBranch) =>
        headSha is not null && _cache.TryGet(new Key(connectionId, projectId, iid, headSha, targetBranch), out var facts) ? facts : null;

    public void Set(string connectionId, long projectId, long iid, string? headSha, string? targetBranch, MergeRequestFacts facts)
    {
        if (headSha is not null)
        {
            _cache.Set(new Key(connectionId, projectId, iid, headSha, targetBranch), facts);
        }
    }

    private sealed record Key(string ConnectionId, long ProjectId, long Iid, string HeadSha, string? TargetBranch);
}

public sealed record MergeRequestFacts(int? ChangesCount, int? CommitsCount);
