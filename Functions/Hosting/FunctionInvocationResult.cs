using System.Text.Json.Serialization;

namespace GitLabConnector.Hosting;

/// <summary>The custom-handler reply (AZURE.md §1.4). No outputs: functions write to storage themselves.</summary>
public sealed record FunctionInvocationResult(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);
