namespace GitLabConnector.GitLab;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GitLabUser))]
[JsonSerializable(typeof(GitLabTokenInfo))]
[JsonSerializable(typeof(GitLabRotatedToken))]
[JsonSerializable(typeof(GitLabHook))]
internal sealed partial class GitLabJsonContext : JsonSerializerContext;
