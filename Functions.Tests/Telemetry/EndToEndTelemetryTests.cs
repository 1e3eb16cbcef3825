using System.Diagnostics;
using GitLabConnector.Telemetry;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Telemetry;

[Collection(AzuriteCollection.Name)]
public sealed class EndToEndTelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task One_trace_spans_the_request_ingest_enrich_every_GitLab_call_and_the_publish_of_an_event()
    {
        await using var scenario = await TelemetryScenario.StartAsync(azurite);
        var idempotencyKey = "idem-telemetry-" + Guid.NewGuid().ToString("N")[..8];

        var (traceId, record) = await scenario.DeliverAndEnrichAsync(idempotencyKey);

        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.Equal(idempotencyKey, record.GetProperty("eventId").GetString());
        var trace = scenario.InTrace(traceId);
        var request = Assert.Single(trace, a => a.Kind == ActivityKind.Server && a.GetTagItem("http.route") as string == "/api/webhooks/gitlab/{connectionId}");
        var ingest = Assert.Single(trace, a => a.OperationName == TelemetryNames.Spans.Ingest);
        Assert.Equal(request.SpanId, ingest.ParentSpanId);
        Assert.Equal("queued", ingest.GetTagItem(TelemetryNames.Spans.Outcome));

        // The envelope's traceparent makes the enrich span a child of the ingest span, in the same trace.
        var enrich = Assert.Single(trace, a => a.OperationName == TelemetryNames.Spans.Enrich);
        Assert.Equal(ingest.SpanId, enrich.ParentSpanId);
        Assert.Equal(idempotencyKey, enrich.GetTagItem(TelemetryNames.Spans.IdempotencyKey));
        Assert.Contains(enrich.GetTagItem(TelemetryNames.Spans.Outcome) as string, new[] { TelemetryNames.EnrichOutcomes.Enriched, TelemetryNames.EnrichOutcomes.Partial });
        var gitLabCalls = trace.Where(a => a.Source.Name == "System.Net.Http" && a.GetTagItem("server.port") is int port && port == scenario.GitLab.BaseUrl.Port).ToList();
        Assert.NotEmpty(gitLabCalls);
        Assert.All(gitLabCalls, call => Assert.True(IsDescendantOf(call, enrich, trace), $"{call.DisplayName} is not inside the enrich span"));
        var publish = Assert.Single(trace, a => a.OperationName == TelemetryNames.Spans.Publish);
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal(scenario.EnrichedQueue, publish.GetTagItem(TelemetryNames.Spans.Destination));
        Assert.True(IsDescendantOf(publish, enrich, trace));

        // Logs of both halves carry the trace id (operation_Id) and their LoggerMessage event id.
        var logs = scenario.Logs.Where(l => l.TraceId.ToHexString() == traceId).ToList();
        Assert.Contains(logs, l => l.EventId.Id == TelemetryNames.LogEvents.WebhookAccepted);
        var enriched = Assert.Single(logs, l => l.EventId.Id == 1450);
        var scopes = new Dictionary<string, object?>();
        enriched.ForEachScope((scope, values) => { foreach (var (k, v) in scope) { values[k] = v; } }, scopes);
        Assert.Equal(scenario.Connection.Id, scopes[TelemetryNames.Logs.GitLabConnectionId]);
        Assert.Equal(idempotencyKey, scopes[TelemetryNames.Logs.GitLabEventId]);

        var metricNames = scenario.Metrics.Select(m => m.Name).ToHashSet();
        Assert.Contains(TelemetryNames.Instruments.WebhookDeliveries, metricNames);
        Assert.Contains(TelemetryNames.Instruments.WebhookIngestDuration, metricNames);
        Assert.Contains(TelemetryNames.Instruments.EnrichEvents, metricNames);
        Assert.Contains(TelemetryNames.Instruments.EnrichDuration, metricNames);
        Assert.Contains(TelemetryNames.Instruments.GitLabRequests, metricNames);
    }

    [Fact]
    public async Task No_exported_span_log_or_metric_holds_a_token_secret_signature_or_payload_body()
    {
        await using var scenario = await TelemetryScenario.StartAsync(azurite);
        var idempotencyKey = "idem-secrets-" + Guid.NewGuid().ToString("N")[..8];
        var (traceId, _) = await scenario.DeliverAndEnrichAsync(idempotencyKey);
        var refused = await scenario.DeliverForgedAsync();
        scenario.Flush();

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused);
        var sinks = new[] { "spans", "logs", "metrics" }.ToDictionary(s => s, scenario.ExportedText);
        Assert.Contains(traceId, sinks["spans"], StringComparison.Ordinal);
        Assert.Contains(idempotencyKey, sinks["logs"], StringComparison.Ordinal);
        Assert.Contains(TelemetryNames.Instruments.WebhookDeliveries, sinks["metrics"], StringComparison.Ordinal);
        Assert.Contains("private_token=", sinks["spans"], StringComparison.Ordinal);

        var secrets = new Dictionary<string, string>
        {
            ["webhook secret"] = scenario.Connection.WebhookSecret,
            ["wrong webhook secret"] = TelemetryScenario.WrongToken,
            ["GitLab token"] = TelemetryScenario.GitLabToken,
            ["signing token"] = scenario.Connection.SigningToken!,
            ["signing key"] = scenario.Connection.SigningToken!["whsec_".Length..],
            ["query-string token"] = TelemetryScenario.QueryToken,
            ["payload body"] = scenario.PayloadMarker,
        };
        foreach (var (i, signature) in scenario.Signatures.Index())
        {
            secrets[$"signature {i}"] = signature["v1,".Length..];
        }

        var leaks = (from sink in sinks
                     from secret in secrets
                     where sink.Value.Contains(secret.Value, StringComparison.Ordinal)
                     select $"{secret.Key} in {sink.Key}").ToList();
        Assert.True(leaks.Count == 0, "Telemetry leaked: " + string.Join("; ", leaks));
    }

    private static bool IsDescendantOf(Activity activity, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var bySpan = trace.ToDictionary(a => a.SpanId);
        for (var parent = activity.ParentSpanId; parent != default; parent = bySpan.TryGetValue(parent, out var p) ? p.ParentSpanId : default)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
