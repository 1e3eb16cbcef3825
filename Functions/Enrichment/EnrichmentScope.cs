using System.Collections.Concurrent;
using GitLabConnector.GitLab;

namespace GitLabConnector.Enrichment;

/// <summary>
/// One event being enriched: its payload, where to call GitLab, and the sub-resources that could not be read.
/// A 404/403 on a read makes the record partial and the read answers null; 401 and transient failures propagate.
/// </summary>
public sealed class EnrichmentScope(EnrichmentContext context, EnrichedProject? project, EnrichedUser? actor, Action<EnrichmentError>? onError = null)
{
    // Reads run in parallel (push commit stats); the queue keeps the errors in the order they happened.
    private readonly ConcurrentQueue<EnrichmentError> _errors = new();

    public JsonElement Payload => context.Payload;

    public GitLabConnection GitLab => context.GitLab;

    public string ConnectionId => context.GitLab.ConnectionId;

    public EnrichedProject? Project => project;

    /// <summary>The user who triggered the event, as already resolved from the payload.</summary>
    public EnrichedUser? Actor => actor;

    public IReadOnlyList<EnrichmentError> Errors => [.. _errors];

    /// <summary>Reads one GitLab resource; null when it is gone (404), forbidden (403) or too large to read (the record is then partial).</summary>
    public Task<JsonElement?> TryReadAsync(string resource, Func<CancellationToken, Task<JsonElement>> read, CancellationToken cancellationToken) =>
        TryReadAsync<JsonElement?>(resource, async ct => await read(ct).ConfigureAwait(false), cancellationToken);

    /// <summary>Reads a GitLab list or an object built from GitLab data; default when gone (404), forbidden (403) or too large to read.</summary>
    public async Task<T?> TryReadAsync<T>(string resource, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }
        catch (GitLabApiException ex) when ((ex.IsGoneOrForbidden && ex is not GitLabUnauthorizedException) || ex is GitLabResponseTooLargeException)
        {
            AddError(resource, ex);
            return default;
        }
    }

    private void AddError(string resource, GitLabApiException ex)
    {
        var reason = ex switch
        {
            GitLabResponseTooLargeException => "answer larger than the connector reads; not read",
            { Status: 404 } => "not found or not visible to the token",
            _ => "forbidden for the token",
        };
        var error = new EnrichmentError(resource, ex.Status, reason);
        _errors.Enqueue(error);
        onError?.Invoke(error);
    }
}
