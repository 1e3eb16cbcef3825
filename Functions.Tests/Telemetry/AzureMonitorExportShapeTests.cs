using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Text.Json;
using Azure.Monitor.OpenTelemetry.Exporter;
using GitLabConnector.Telemetry;
using GitLabConnector.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace GitLabConnector.Tests.Telemetry;

/// <summary>
/// What the Azure Monitor exporter really sends (captured from a loopback ingestion endpoint), so the alert rules,
/// the workbook and docs/operations.md query fields that exist: the log event id, template and scope values in
/// <c>traces.customDimensions</c>, span tags in <c>requests</c>/<c>dependencies</c>, instrument names and tags in <c>customMetrics</c>.
/// </summary>
public sealed partial class AzureMonitorExportShapeTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<JsonElement> _items = new();
    private WebApplication? _ingestion;
    private string _connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        var port = LoopbackPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _ingestion = builder.Build();
        _ingestion.MapPost("/v2.1/track", async (HttpRequest request) =>
        {
            Stream body = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
            using var reader = new StreamReader(body);
            foreach (var line in (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                _items.Enqueue(JsonDocument.Parse(line).RootElement.Clone());
            }

            return Results.Json(new { itemsReceived = 1, itemsAccepted = 1, errors = Array.Empty<object>() });
        });
        await _ingestion.StartAsync();
        _connectionString = $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:{port}/";
    }

    public async Task DisposeAsync()
    {
        if (_ingestion is not null)
        {
            await _ingestion.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_LoggerMessage_event_id_template_values_and_scopes_are_customDimensions_of_traces()
    {
        using (var factory = LoggerFactory.Create(b => b.AddOpenTelemetry(o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
            o.AddAzureMonitorLogExporter(e => Configure(e));
        })))
        {
            var logger = factory.CreateLogger("Shape");
            using (logger.BeginScope(new Dictionary<string, object?> { [TelemetryNames.Logs.GitLabConnectionId] = "c-scope", ["ConnectionId"] = "kestrel-0HN" }))
            {
                ShapeLog.Expiring(logger, "c-1", 6, "idem-1");
            }
        }

        var properties = await SingleAsync("MessageData");
        Assert.Equal(TelemetryNames.LogEvents.TokenExpiring.ToString(System.Globalization.CultureInfo.InvariantCulture), properties.GetProperty(TelemetryNames.Logs.LogEventIdProperty).GetString());
        Assert.Equal("6", properties.GetProperty(TelemetryNames.Logs.DaysLeftProperty).GetString());
        Assert.Equal("c-1", properties.GetProperty(TelemetryNames.Logs.ConnectionIdProperty).GetString());
        Assert.Equal("c-scope", properties.GetProperty(TelemetryNames.Logs.GitLabConnectionId).GetString());
        Assert.Equal("idem-1", properties.GetProperty(TelemetryNames.Logs.GitLabEventId).GetString());
        Assert.DoesNotContain("kestrel-0HN", properties.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(nameof(ShapeLog.Expiring), properties.GetProperty("EventName").GetString());
        Assert.Equal("Shape", properties.GetProperty("CategoryName").GetString());
    }

    [Fact]
    public async Task A_template_value_named_EventId_would_hide_the_log_event_id()
    {
        using (var factory = LoggerFactory.Create(b => b.AddOpenTelemetry(o => o.AddAzureMonitorLogExporter(e => Configure(e)))))
        {
            ShapeLog.Clashing(factory.CreateLogger("Shape"), "idem-2");
        }

        var properties = await SingleAsync("MessageData");
        Assert.Equal("idem-2", properties.GetProperty("EventId").GetString());
    }

    [Fact]
    public async Task Span_tags_are_customDimensions_and_the_trace_id_is_the_operation_id()
    {
        using var source = new ActivitySource("Shape.Spans");
        string traceId;
        using (var provider = Sdk.CreateTracerProviderBuilder().AddSource(source.Name).AddAzureMonitorTraceExporter(e => Configure(e)).Build())
        {
            var invocation = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
            using var enrich = source.StartActivity(TelemetryNames.Spans.Enrich, ActivityKind.Consumer, default(ActivityContext), links: [new ActivityLink(invocation)])!;
            enrich.SetTag(TelemetryNames.Spans.EventId, "idem-3");
            traceId = enrich.TraceId.ToHexString();
            using (source.StartActivity(TelemetryNames.Spans.Publish, ActivityKind.Producer))
            {
            }

            enrich.Stop();
            provider.ForceFlush();
        }

        await Eventually.TrueAsync(() => _items.Any(i => Base(i) == "RequestData") && _items.Any(i => Base(i) == "RemoteDependencyData"), "both spans at the ingestion endpoint");
        var request = _items.Single(i => Base(i) == "RequestData");
        Assert.Equal(TelemetryNames.Spans.Enrich, request.GetProperty("data").GetProperty("baseData").GetProperty("name").GetString());
        Assert.Equal("idem-3", request.GetProperty("data").GetProperty("baseData").GetProperty("properties").GetProperty(TelemetryNames.Spans.EventId).GetString());
        Assert.Equal(traceId, request.GetProperty("tags").GetProperty("ai.operation.id").GetString());
        Assert.Contains("operation_Id", request.GetProperty("data").GetProperty("baseData").GetProperty("properties").GetProperty("_MS.links").GetString(), StringComparison.Ordinal);
        var dependency = _items.Single(i => Base(i) == "RemoteDependencyData");
        Assert.Equal(TelemetryNames.Spans.Publish, dependency.GetProperty("data").GetProperty("baseData").GetProperty("name").GetString());
        Assert.Equal(traceId, dependency.GetProperty("tags").GetProperty("ai.operation.id").GetString());
    }

    [Fact]
    public async Task Instruments_are_customMetrics_by_name_with_their_tags()
    {
        using var meter = new Meter("Shape.Meter");
        using (var provider = Sdk.CreateMeterProviderBuilder().AddMeter(meter.Name).AddAzureMonitorMetricExporter(e => Configure(e)).Build())
        {
            meter.CreateCounter<long>(TelemetryNames.Instruments.EnrichEvents).Add(3, new KeyValuePair<string, object?>(TelemetryNames.Tags.Outcome, TelemetryNames.EnrichOutcomes.Failed));
            var duration = meter.CreateHistogram<double>(TelemetryNames.Instruments.EnrichDuration);
            duration.Record(10);
            duration.Record(30);
            meter.CreateGauge<int>(TelemetryNames.Instruments.QueueMessages).Record(4, new KeyValuePair<string, object?>(TelemetryNames.Tags.Queue, "gitlab-events-poison"));
            provider.ForceFlush();
        }

        await Eventually.TrueAsync(() => _items.Count(i => Base(i) == "MetricData") >= 3, "three metrics at the ingestion endpoint");
        var metrics = _items.Where(i => Base(i) == "MetricData").Select(i => i.GetProperty("data").GetProperty("baseData")).ToList();
        var events = Assert.Single(metrics, m => Metric(m).GetProperty("name").GetString() == TelemetryNames.Instruments.EnrichEvents);
        Assert.Equal(3, Metric(events).GetProperty("value").GetDouble());
        Assert.Equal(TelemetryNames.EnrichOutcomes.Failed, events.GetProperty("properties").GetProperty(TelemetryNames.Tags.Outcome).GetString());
        var histogram = Metric(Assert.Single(metrics, m => Metric(m).GetProperty("name").GetString() == TelemetryNames.Instruments.EnrichDuration));
        Assert.Equal((40.0, 2, 10.0, 30.0), (histogram.GetProperty("value").GetDouble(), histogram.GetProperty("count").GetInt32(), histogram.GetProperty("min").GetDouble(), histogram.GetProperty("max").GetDouble()));
        var depth = Assert.Single(metrics, m => Metric(m).GetProperty("name").GetString() == TelemetryNames.Instruments.QueueMessages);
        Assert.Equal(4, Metric(depth).GetProperty("value").GetDouble());
        Assert.Equal("gitlab-events-poison", depth.GetProperty("properties").GetProperty(TelemetryNames.Tags.Queue).GetString());
    }

    private static JsonElement Metric(JsonElement baseData) => baseData.GetProperty("metrics")[0];

    private static string? Base(JsonElement item) => item.GetProperty("data").GetProperty("baseType").GetString();

    private void Configure(AzureMonitorExporterOptions options)
    {
        options.ConnectionString = _connectionString;
        options.DisableOfflineStorage = true;
        options.SamplingRatio = 1.0F;
        options.TracesPerSecond = null;
    }

    private async Task<JsonElement> SingleAsync(string baseType)
    {
        await Eventually.TrueAsync(() => _items.Any(i => Base(i) == baseType), baseType + " at the ingestion endpoint");
        return _items.Single(i => Base(i) == baseType).GetProperty("data").GetProperty("baseData").GetProperty("properties");
    }

    private static partial class ShapeLog
    {
        [LoggerMessage(1601, LogLevel.Warning, "Token of connection {ConnectionId} expires in {DaysLeft} days (event {GitLabEventId})")]
        public static partial void Expiring(ILogger logger, string connectionId, int daysLeft, string gitLabEventId);

        [LoggerMessage(1602, LogLevel.Warning, "Event {EventId}")]
        public static partial void Clashing(ILogger logger, string eventId);
    }
}
