using System.Net.Http.Headers;

namespace GitLabConnector.GitLab;

/// <summary>A successful GitLab answer, body fully read (inside the per-request timeout).</summary>
internal sealed record GitLabResponse(int Status, HttpResponseHeaders Headers, byte[] Body, Uri RequestUri);
