using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitLabConnector.Hosting;

/// <summary>
/// Compile-time JSON metadata for the readiness answer and the custom-handler reply: the Functions host's first
/// request to a cold instance must not wait for reflection to describe them.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReadinessResponse))]
[JsonSerializable(typeof(FunctionInvocationResult))]
internal sealed partial class HostingJsonContext : JsonSerializerContext;
