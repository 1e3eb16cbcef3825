namespace GitLabConnector.GitLab;

/// <summary>Source-generated (reflection-free) JSON for the typed GitLab DTOs; GitLab uses snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GitLabUser))]
[JsonSerializable(typeof(GitLabTokenInfo))]
[JsonSerializable(typeof(GitLabRotatedToken))]
[JsonSerializable(typeof(GitLabHook))]
internal sealed partial class GitLabJsonContext : JsonSerializerContext;
