namespace GitLabConnector.Health;

/// <summary>Compile-time JSON metadata for <c>GET /api/health</c>'s report.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
