using System.Diagnostics.Metrics;
using GitLabConnector.Telemetry;

namespace GitLabConnector.GitLab;

public sealed class GitLabMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _budgetWait;
    private readonly Gauge<long> _rateLimitRemaining;

    public GitLabMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TelemetryNames.Meters.GitLab);
        _requests = meter.CreateCounter<long>(TelemetryNames.Instruments.GitLabRequests, "{request}", "GitLab API requests by HTTP status (0 = no response)");
        _rateLimited = meter.CreateCounter<long>(TelemetryNames.Instruments.GitLabRateLimited, "{response}", "429 responses received from GitLab");
        _retries = meter.CreateCounter<long>(TelemetryNames.Instruments.GitLabRetries, "{retry}", "Retried GitLab API requests");
        _budgetWait = meter.CreateHistogram<double>(TelemetryNames.Instruments.GitLabBudgetWait, "s", "Time spent waiting for the client-side request budget");
        _rateLimitRemaining = meter.CreateGauge<long>(TelemetryNames.Instruments.GitLabRateLimitRemaining, "{request}", "GitLab's RateLimit-Remaining header on the last response, by connection");
    }

    public void RequestCompleted(string method, int status) =>
        _requests.Add(1, new KeyValuePair<string, object?>(TelemetryNames.Tags.HttpMethod, method), new KeyValuePair<string, object?>(TelemetryNames.Tags.HttpStatus, status));

    public void RateLimited() => _rateLimited.Add(1);

    public void Retried(int status) => _retries.Add(1, new KeyValuePair<string, object?>(TelemetryNames.Tags.HttpStatus, status));

    // GitLab's RateLimit-Remaining header, when the response has one: the headroom before 429s.
    public void RateLimitRemaining(string connectionId, System.Net.Http.Headers.HttpResponseHeaders headers)
    {
        if (headers.TryGetValues("RateLimit-Remaining", out var values) &&
            long.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var remaining))
        {
            _rateLimitRemaining.Record(remaining, new KeyValuePair<string, object?>(TelemetryNames.Tags.Connection, connectionId));
        }
    }

    public void BudgetWaited(TimeSpan wait) => _budgetWait.Record(wait.TotalSeconds);
}
