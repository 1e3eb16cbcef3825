using System.Text.Json;

namespace GitLabConnector.Tests.Hosting.Worker;

/// <summary>One function as <c>functions.metadata</c> (written by the worker SDK at build) describes it to the host.</summary>
public sealed record FunctionsMetadata(string Name, string Trigger, string? Route, string? AuthLevel, IReadOnlyList<string> Methods, string? QueueName, string? Schedule, string? Connection)
{
    public static IReadOnlyList<FunctionsMetadata> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(function =>
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("direction").GetString() == "In" && b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            return new FunctionsMetadata(
                function.GetProperty("name").GetString()!,
                trigger.GetProperty("type").GetString()!,
                Text(trigger, "route"),
                Text(trigger, "authLevel"),
                trigger.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())] : [],
                Text(trigger, "queueName"),
                Text(trigger, "schedule"),
                Text(trigger, "connection"));
        })];
    }

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
