using GitLabConnector.GitLab;

namespace GitLabConnector.Enrichment;

/// <summary>
/// One event being enriched: its payload, where to call GitLab, and the sub-resources that could not be read.
/// A 404/403 on a read makes the record partial and the read answers null; 401 and transient failures propagate.
/// </summary>
public sealed class EnrichmentScope
{
    private readonly List<EnrichmentError> _errors = [];
    private readonly Lock _lock = new();
    private readonly Action<EnrichmentError>? _onError;

    public EnrichmentScope(EnrichmentContext context, string kind, EnrichedProject? project, EnrichedUser? actor, Action<EnrichmentError>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        Kind = kind;
        Project = project;
        Actor = actor;
        _onError = onError;
    }

    public EnrichmentContext Context { get; }

    public JsonElement Payload => Context.Payload;

    public GitLabConnection GitLab => Context.GitLab;

    public string ConnectionId => Context.GitLab.ConnectionId;

    public string Kind { get; }

    public EnrichedProject? Project { get; }

    /// <summary>The user who triggered the event, as already resolved from the payload.</summary>
    public EnrichedUser? Actor { get; }

    public IReadOnlyList<EnrichmentError> Errors
    {
        get
        {
            lock (_lock)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Reads one GitLab resource; null when it is gone (404), forbidden (403) or too large to read (the record is then partial).</summary>
    public async Task<JsonElement?> TryReadAsync(string resource, Func<CancellationToken, Task<JsonElement>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }
        catch (GitLabApiException ex) when ((ex.IsGoneOrForbidden && ex is not GitLabUnauthorizedException) || ex is GitLabResponseTooLargeException)
        {
            AddError(resource, ex);
            return null;
        }
    }

    /// <summary>Reads a GitLab list or an object built from GitLab data; null when gone (404), forbidden (403) or too large to read.</summary>
    public async Task<T?> TryReadAsync<T>(string resource, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }
        catch (GitLabApiException ex) when ((ex.IsGoneOrForbidden && ex is not GitLabUnauthorizedException) || ex is GitLabResponseTooLargeException)
        {
            AddError(resource, ex);
            return null;
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
        lock (_lock)
        {
            _errors.Add(error);
        }

        _onError?.Invoke(error);
    }
}
