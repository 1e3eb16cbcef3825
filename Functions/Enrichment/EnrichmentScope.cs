using System.Collections.Concurrent;
using GitLabConnector.GitLab;

namespace GitLabConnector.Enrichment;

/// <summary>One event being enriched. A 404/403 on a read makes the record partial; 401 and transient failures propagate.</summary>
public sealed class EnrichmentScope(JsonElement payload, GitLabConnection gitLab, EnrichedProject? project, EnrichedUser? actor, Action<EnrichmentError>? onError = null)
{
    // Reads run in parallel (push commit stats); the queue keeps the errors in the order they happened.
    private readonly ConcurrentQueue<EnrichmentError> _errors = new();

    public JsonElement Payload => payload;

    public GitLabConnection GitLab => gitLab;

    public string ConnectionId => gitLab.ConnectionId;

    public EnrichedProject? Project => project;

    /// <summary>The user who triggered the event, as already resolved from the payload.</summary>
    public EnrichedUser? Actor => actor;

    public IReadOnlyList<EnrichmentError> Errors => [.. _errors];

    /// <summary>Reads one GitLab resource; null when it is gone (404), forbidden (403) or too large to read (the record is then partial).</summary>
    public Task<JsonElement?> TryReadAsync(string resource, Func<CancellationToken, Task<JsonElement>> read, CancellationToken cancellationToken) =>
        TryReadAsync<JsonElement?>(resource, async ct => await read(ct).ConfigureAwait(false), cancellationToken);

    /// <summary>The same for a GitLab list or an object built from GitLab data: default instead of null.</summary>
    public async Task<T?> TryReadAsync<T>(string resource, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }
        catch (GitLabApiException ex) when ((ex.IsGoneOrForbidden && ex is not GitLabUnauthorizedException) || ex is GitLabResponseTooLargeException)
        {
            var error = new EnrichmentError(resource, ex.Status, ex switch
            {
                GitLabResponseTooLargeException => "answer larger than the connector reads; not read",
                { Status: 404 } => "not found or not visible to the token",
                _ => "forbidden for the token",
            });
            _errors.Enqueue(error);
            onError?.Invoke(error);
            return default;
        }
    }
}
