using System.Diagnostics.Metrics;

namespace GitLabConnector.GitLab;

/// <summary>Metrics of the GitLab REST client (meter <see cref="MeterName"/>).</summary>
public sealed class GitLabMetrics
{
    public const string MeterName = "GitLabConnector.GitLab";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _budgetWait;

    public GitLabMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("gitlab.requests", "{request}", "GitLab API requests by HTTP status (0 = no response)");
        _rateLimited = meter.CreateCounter<long>("gitlab.rate_limited", "{response}", "429 responses received from GitLab");
        _retries = meter.CreateCounter<long>("gitlab.retries", "{retry}", "Retried GitLab API requests");
        _budgetWait = meter.CreateHistogram<double>("gitlab.budget.wait", "s", "Time spent waiting for the client-side request budget");
    }

    public void RequestCompleted(string method, int status) =>
        _requests.Add(1, new KeyValuePair<string, object?>("http.request.method", method), new KeyValuePair<string, object?>("http.response.status_code", status));

    public void RateLimited() => _rateLimited.Add(1);

    public void Retried(int status) => _retries.Add(1, new KeyValuePair<string, object?>("http.response.status_code", status));

    public void BudgetWaited(TimeSpan wait) => _budgetWait.Record(wait.TotalSeconds);
}
