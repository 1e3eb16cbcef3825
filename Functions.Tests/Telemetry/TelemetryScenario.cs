using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitLabConnector.Connections;
using GitLabConnector.Storage;
using GitLabConnector.Telemetry;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;
using GitLabConnector.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace GitLabConnector.Tests.Telemetry;

/// <summary>
/// The whole standalone app with OpenTelemetry's in-memory exporters next to the real ones, the standalone queue
/// consumer, Azurite, a fake GitLab and a signed connection: one merge request event goes from the webhook through
/// the queue to the enriched record. Holds every exported span, log record and metric.
/// </summary>
internal sealed class TelemetryScenario : IAsyncDisposable
{
    public const string GitLabToken = "glpat-telemetry-secret-7f3c9a1e";
    public const string WrongToken = "wrong-webhook-secret-41d2b7";
    public const string QueryToken = "query-secret-9b8a7c";

    private readonly List<Activity> _spans;
    private readonly List<LogRecord> _logs;
    private readonly List<MetricSnapshot> _metrics;

    private TelemetryScenario(ConnectorAppHost host, FakeGitLabServer gitLab, TestConnections.Created connection, string enrichedQueue, List<Activity> spans, List<LogRecord> logs, List<MetricSnapshot> metrics)
    {
        Host = host;
        GitLab = gitLab;
        Connection = connection;
        EnrichedQueue = enrichedQueue;
        _spans = spans;
        _logs = logs;
        _metrics = metrics;
    }

    public ConnectorAppHost Host { get; }

    public FakeGitLabServer GitLab { get; }

    public TestConnections.Created Connection { get; }

    public string EnrichedQueue { get; }

    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    public IReadOnlyList<LogRecord> Logs
    {
        get
        {
            lock (_logs)
            {
                return [.. _logs];
            }
        }
    }

    public IReadOnlyList<MetricSnapshot> Metrics
    {
        get
        {
            lock (_metrics)
            {
                return [.. _metrics];
            }
        }
    }

    /// <summary>Signatures sent (valid and invalid); none may reach telemetry.</summary>
    public List<string> Signatures { get; } = [];

    public string PayloadMarker { get; } = "payload-marker-" + Guid.NewGuid().ToString("N");

    public static async Task<TelemetryScenario> StartAsync(AzuriteFixture azurite)
    {
        var gitLab = await FakeGitLabServer.StartAsync();
        gitLab.State.AddPersonalToken(GitLabToken, scopes: "api");
        gitLab.State.AddProject(1);
        gitLab.State.AddMergeRequest(1, 1);
        gitLab.State.AddUser(1, "alice");

        var events = AzuriteFixture.NewQueueName("events");
        var enriched = AzuriteFixture.NewQueueName("enriched");
        List<Activity> spans = [];
        List<LogRecord> logs = [];
        List<MetricSnapshot> metrics = [];
        var host = await ConnectorAppHost.StartAsync(
            azurite,
            [
                new("Connector:Queues:Events", events),
                new("Connector:Queues:Enriched", enriched),
                new("Logging:LogLevel:Default", "Debug"),
            ],
            services => services.AddOpenTelemetry()
                .WithTracing(b => b.AddInMemoryExporter(new Locked<Activity>(spans)))
                .WithLogging(b => b.AddInMemoryExporter(new Locked<LogRecord>(logs)))
                .WithMetrics(b => b.AddInMemoryExporter(new Locked<MetricSnapshot>(metrics))),
            workers: true);
        await host.Get<IQueueService>().CreateQueueIfNotExistsAsync(enriched, default);
        var connection = await TestConnections.CreateAsync(host, gitLab.BaseUrl, GitLabToken, SigningMode.Accept);
        return new TelemetryScenario(host, gitLab, connection, enriched, spans, logs, metrics);
    }

    /// <summary>Sends the signed merge request delivery and waits for its enriched record; returns (correlationId, record).</summary>
    public async Task<(string CorrelationId, JsonElement Record)> DeliverAndEnrichAsync(string idempotencyKey)
    {
        var payload = JsonNode.Parse(PayloadFixtures.Read("merge-request.json"))!.AsObject();
        payload["object_attributes"]!["description"] = PayloadMarker;
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = StandardWebhookSignature.Sign(idempotencyKey, timestamp, body, WebhookSecretProvider.DecodeSigningKey(Connection.SigningToken!));
        Signatures.Add(signature);

        using var request = Delivery(body, Connection.WebhookSecret, $"?private_token={QueryToken}");
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Headers.Add("webhook-id", idempotencyKey);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", signature);
        using var response = await Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var queues = Host.Get<IQueueService>();
        JsonElement? record = null;
        await Eventually.TrueAsync(() =>
        {
            var messages = queues.PeekMessagesAsync(EnrichedQueue, 32, default).GetAwaiter().GetResult();
            record = messages.Select(m => JsonDocument.Parse(m.MessageText).RootElement)
                .Cast<JsonElement?>()
                .FirstOrDefault(r => r!.Value.GetProperty("eventId").GetString() == idempotencyKey);
            return record is not null;
        }, "the enriched record", limitSeconds: 60);

        // The enrich span ends after the record is published; wait for it, then flush the metrics.
        var correlationId = record!.Value.GetProperty("correlationId").GetString()!;
        await Eventually.TrueAsync(() => InTrace(correlationId).Any(a => a.OperationName == TelemetryNames.Spans.Enrich), "the enrich span to end");
        Flush();
        return (correlationId, record.Value);
    }

    /// <summary>A delivery with a wrong token and a forged signature (both refused).</summary>
    public async Task<HttpStatusCode> DeliverForgedAsync()
    {
        var body = PayloadFixtures.Read("merge-request.json");
        var forged = "v1," + Convert.ToBase64String(Encoding.UTF8.GetBytes("forged-signature-" + Guid.NewGuid().ToString("N")));
        Signatures.Add(forged);
        using var request = Delivery(body, WrongToken, string.Empty);
        request.Headers.Add("webhook-id", "forged-1");
        request.Headers.Add("webhook-timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", forged);
        using var response = await Host.Client.SendAsync(request);
        return response.StatusCode;
    }

    public IReadOnlyList<Activity> InTrace(string traceId) => [.. Spans.Where(a => a.TraceId.ToHexString() == traceId)];

    public void Flush()
    {
        Host.Get<TracerProvider>().ForceFlush();
        Host.Get<MeterProvider>().ForceFlush();
        Host.Get<LoggerProvider>().ForceFlush();
    }

    /// <summary>Everything exported, as text, for "never contains X" assertions.</summary>
    public string ExportedText(string sink) => sink switch
    {
        "spans" => string.Join('\n', Spans.Select(a =>
            $"{a.Source.Name} {a.OperationName} {a.DisplayName} {a.StatusDescription} " +
            string.Join(' ', a.TagObjects.Select(t => $"{t.Key}={t.Value}")) + " " +
            string.Join(' ', a.Events.Select(e => e.Name + " " + string.Join(' ', e.Tags.Select(t => $"{t.Key}={t.Value}")))))),
        "logs" => string.Join('\n', Logs.Select(LogText)),
        "metrics" => string.Join('\n', Metrics.SelectMany(m => m.MetricPoints.Select(p =>
            m.Name + " " + string.Join(' ', EnumerateTags(p).Select(t => $"{t.Key}={t.Value}"))))),
        _ => throw new ArgumentOutOfRangeException(nameof(sink)),
    };

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await GitLab.DisposeAsync();
    }

    private static string LogText(LogRecord record)
    {
        var text = new StringBuilder($"{record.CategoryName} {record.EventId} {record.FormattedMessage} {record.Body} {record.Exception} ");
        foreach (var (key, value) in record.Attributes ?? [])
        {
            text.Append(key).Append('=').Append(value).Append(' ');
        }

        record.ForEachScope((scope, builder) =>
        {
            foreach (var (key, value) in scope)
            {
                builder.Append(key).Append('=').Append(value).Append(' ');
            }
        }, text);
        return text.ToString();
    }

    private static List<KeyValuePair<string, object?>> EnumerateTags(MetricPoint point)
    {
        List<KeyValuePair<string, object?>> tags = [];
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    private HttpRequestMessage Delivery(byte[] body, string token, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/gitlab/{Connection.Id}{query}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Gitlab-Event", "Merge Request Hook");
        request.Headers.Add("X-Gitlab-Token", token);
        return request;
    }

    /// <summary>The exporters add from background threads; the test reads while they do.</summary>
    private sealed class Locked<T>(List<T> inner) : System.Collections.ObjectModel.Collection<T>
    {
        protected override void InsertItem(int index, T item)
        {
            lock (inner)
            {
                inner.Add(item);
            }
        }
    }
}
