namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>One request the fake GitLab received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path relative to the API root, e.g. <c>/projects/5</c>.</param>
/// <param name="Query">Query string including <c>?</c>, or empty.</param>
/// <param name="Route">Matched route template relative to the API root (e.g. <c>/projects/{id}</c>), or null.</param>
/// <param name="ArrivedAt">When the request arrived.</param>
/// <param name="Status">Status answered (499 when the client gave up first).</param>
/// <param name="RetryNotBefore">For 429s: the earliest retry time the fake advertised.</param>
public sealed record FakeGitLabRequest(string Method, string Path, string Query, string? Route, DateTimeOffset ArrivedAt, int Status, DateTimeOffset? RetryNotBefore);

/// <summary>Everything the fake received, in arrival order, with per-route counters.</summary>
public sealed class FakeGitLabRequestLog
{
    private readonly Lock _lock = new();
    private readonly List<FakeGitLabRequest> _entries = [];

    public IReadOnlyList<FakeGitLabRequest> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries.OrderBy(e => e.ArrivedAt)];
            }
        }
    }

    /// <summary>Requests to exactly <paramref name="path"/> (relative to the API root), any method unless given.</summary>
    public IReadOnlyList<FakeGitLabRequest> To(string path, string? method = null) =>
        [.. Entries.Where(e => e.Path == path && (method is null || string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>How many requests matched a route template, e.g. <c>/projects/{id}/merge_requests/{iid}</c>.</summary>
    public int CountForRoute(string routeTemplate) => Entries.Count(e => e.Route == routeTemplate);

    public IReadOnlyDictionary<string, int> CountsByRoute() =>
        Entries.GroupBy(e => e.Route ?? "(unmatched)").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    internal void Add(FakeGitLabRequest entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }
}
