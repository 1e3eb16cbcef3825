using System.Diagnostics;
using GitLabConnector.Telemetry;
using GitLabConnector.Tests.Fixtures;
using Microsoft.ApplicationInsights.DataContracts;

namespace GitLabConnector.Tests.Telemetry;

[Collection(AzuriteCollection.Name)]
public sealed class EndToEndTelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task One_correlation_id_spans_ingest_enrich_and_every_GitLab_call_of_an_event()
    {
        await using var scenario = await TelemetryScenario.StartAsync(azurite);
        var idempotencyKey = "idem-telemetry-" + Guid.NewGuid().ToString("N")[..8];

        var (correlationId, record) = await scenario.DeliverAndEnrichAsync(idempotencyKey);

        Assert.Matches("^[0-9a-f]{32}$", correlationId);
        Assert.Equal(idempotencyKey, record.GetProperty("eventId").GetString());

        // Activities (what OTLP would export).
        var trace = scenario.Activities.InTrace(correlationId);
        var ingest = Assert.Single(trace, a => a.OperationName == TelemetryNames.Spans.Ingest);
        var enrich = Assert.Single(trace, a => a.OperationName == TelemetryNames.Spans.Enrich);
        Assert.Equal(idempotencyKey, ingest.GetTagItem(TelemetryNames.Spans.IdempotencyKey));
        Assert.Equal("queued", ingest.GetTagItem(TelemetryNames.Spans.Outcome));
        Assert.Equal(idempotencyKey, enrich.GetTagItem(TelemetryNames.Spans.IdempotencyKey));
        Assert.Contains(trace, a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server && a.SpanId == ingest.ParentSpanId);
        var gitLabCalls = trace.Where(a => a.Source.Name == "System.Net.Http" && IsGitLab(a, scenario)).ToList();
        Assert.NotEmpty(gitLabCalls);
        Assert.All(gitLabCalls, call => Assert.True(IsDescendantOf(call, enrich, trace), $"{call.DisplayName} is not inside the enrich span"));
        Assert.NotEmpty(scenario.GitLab.Requests.Entries);

        // Application Insights items: the same id is the operation id of the ingest request, the enrich request and the GitLab dependencies.
        var items = scenario.Channel.Items;
        var ingestRequest = Assert.Single(items.OfType<RequestTelemetry>(), r => r.Name == TelemetryNames.Requests.Ingest && r.Context.Operation.Id == correlationId);
        Assert.Equal("202", ingestRequest.ResponseCode);
        var enrichRequest = Assert.Single(items.OfType<RequestTelemetry>(), r => r.Name == TelemetryNames.Spans.Enrich && r.Context.Operation.Id == correlationId);
        Assert.Equal(idempotencyKey, enrichRequest.Properties[TelemetryNames.Spans.IdempotencyKey]);
        var gitLabDependencies = items.OfType<DependencyTelemetry>()
            .Where(d => d.Type == "Http" && d.Target?.Contains(scenario.GitLab.BaseUrl.Authority, StringComparison.OrdinalIgnoreCase) == true)
            .ToList();
        Assert.NotEmpty(gitLabDependencies);
        Assert.All(gitLabDependencies, d => Assert.Equal(correlationId, d.Context.Operation.Id));
        Assert.Contains(items.OfType<TraceTelemetry>(), t => t.Context.Operation.Id == correlationId &&
            t.Properties.TryGetValue(TelemetryNames.Logs.LogEventIdProperty, out var id) && id == TelemetryNames.LogEvents.WebhookAccepted.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Metrics from the connector's meters arrive as customMetrics.
        var metricNames = items.OfType<MetricTelemetry>().Select(m => m.Name).ToHashSet();
        Assert.Contains(TelemetryNames.Instruments.WebhookDeliveries, metricNames);
        Assert.Contains(TelemetryNames.Instruments.EnrichEvents, metricNames);
        Assert.Contains(TelemetryNames.Instruments.GitLabRequests, metricNames);
    }

    [Fact]
    public async Task Telemetry_never_contains_secrets_signatures_or_payload_bodies()
    {
        await using var scenario = await TelemetryScenario.StartAsync(azurite);
        var idempotencyKey = "idem-secrets-" + Guid.NewGuid().ToString("N")[..8];
        var (correlationId, _) = await scenario.DeliverAndEnrichAsync(idempotencyKey);
        var refused = await scenario.DeliverForgedAsync();
        scenario.Host.Get<Microsoft.ApplicationInsights.TelemetryClient>().Flush();

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused);
        var sinks = new Dictionary<string, string>
        {
            ["Application Insights items"] = scenario.Channel.AllText,
            ["activities"] = scenario.Activities.AllText,
            ["logs"] = scenario.Logs.AllText,
        };
        Assert.Contains(correlationId, sinks["Application Insights items"]);
        Assert.Contains(idempotencyKey, sinks["logs"]);
        Assert.Contains("private_token=" + TelemetryRedaction.Redacted, sinks["Application Insights items"]);
        Assert.Contains(correlationId, sinks["activities"]);

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

    private static bool IsGitLab(Activity activity, TelemetryScenario scenario) =>
        activity.GetTagItem("server.port") is int port && port == scenario.GitLab.BaseUrl.Port;

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
