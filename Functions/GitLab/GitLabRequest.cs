namespace GitLabConnector.GitLab;

/// <summary>One logical GitLab API call.</summary>
/// <param name="IsUserLookup">Counts against the separate <c>/users/:id</c> budget.</param>
/// <param name="Retry">False for calls that must never be repeated (token rotation).</param>
internal sealed record GitLabRequest(HttpMethod Method, Uri Uri, JsonNode? Body = null, bool IsUserLookup = false, bool Retry = true);
