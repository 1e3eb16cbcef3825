using System.Collections.Concurrent;
using System.Text;
using Microsoft.ApplicationInsights.Channel;

namespace GitLabConnector.Tests.Telemetry;

/// <summary>An Application Insights channel that keeps every item in memory instead of sending it.</summary>
public sealed class InMemoryTelemetryChannel : ITelemetryChannel
{
    private readonly ConcurrentQueue<ITelemetry> _items = new();

    public IReadOnlyList<ITelemetry> Items => [.. _items];

    public bool? DeveloperMode { get; set; }

    public string EndpointAddress { get; set; } = "http://127.0.0.1:9/v2/track";

    /// <summary>Every item as Application Insights would serialize it for ingestion.</summary>
    public string AllText => Encoding.UTF8.GetString(Microsoft.ApplicationInsights.Extensibility.Implementation.JsonSerializer.Serialize(Items, compress: false));

    public void Send(ITelemetry item) => _items.Enqueue(item);

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}
