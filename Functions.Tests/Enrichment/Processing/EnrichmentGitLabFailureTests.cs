using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Enrichment.Processing;

/// <summary>GitLab answering 429 and 5xx while an event is enriched: the client waits or retries and the event still completes.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnrichmentGitLabFailureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Rate_limited_request_is_retried_no_earlier_than_Retry_After()
    {
        // One commit read at a time, so the second read meets the exhausted budget deterministically.
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite, settings: [new("Connector:Enrichment:CommitStatsParallelism", "1")]);
        host.GitLab.RateLimit.Set(1, TimeSpan.FromSeconds(2));
        var eventId = await host.DeliverAsync("push.json", "rate-1");

        await host.ProcessNextAsync();

        var requests = host.GitLab.Requests.Entries;
        var limited = Assert.Single(requests, r => r.Status == 429);
        Assert.NotNull(limited.RetryNotBefore);
        var after = requests.Where(r => r.ArrivedAt > limited.ArrivedAt).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, r => Assert.True(r.ArrivedAt >= limited.RetryNotBefore, $"{r.Path} arrived at {r.ArrivedAt:O}, before the advertised {limited.RetryNotBefore:O}"));
        Assert.Equal(2, requests.Count(r => r.Status == 200));

        var record = await host.PublishedRecordAsync(eventId);
        Assert.False(record.GetProperty("partial").GetBoolean());
        Assert.All(record.GetProperty("subject").GetProperty("commits").EnumerateArray(), c => Assert.True(c.GetProperty("additions").GetInt32() > 0));
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_event_completes()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite, services: FastBackoff);
        host.GitLab.Faults.FailNext(2, 503, "/approvals");
        var eventId = await host.DeliverAsync("merge-request.json", "retry-1");

        await host.ProcessNextAsync();

        var approvals = host.GitLab.Requests.To("/projects/1/merge_requests/1/approvals");
        Assert.Equal([503, 503, 200], approvals.Select(r => r.Status));
        var record = await host.PublishedRecordAsync(eventId);
        Assert.False(record.GetProperty("partial").GetBoolean());
        Assert.Equal("user1", Assert.Single(record.GetProperty("subject").GetProperty("approvedBy").EnumerateArray()).GetProperty("username").GetString());
    }

    [Fact]
    public async Task Server_errors_beyond_the_retries_fail_the_attempt_and_the_queue_retry_completes_it()
    {
        await using var host = await EnrichmentPipelineHost.StartAsync(azurite, settings: [new("Connector:GitLab:MaxRetries", "0")]);
        host.GitLab.Faults.FailNext(1, 502, "/approvals");
        var eventId = await host.DeliverAsync("merge-request.json", "retry-2");

        var first = await host.ReceiveAsync();
        var failure = await Assert.ThrowsAsync<GitLabApiException>(() => host.Processor.ProcessAsync(first, default));
        Assert.Equal(502, failure.Status);
        Assert.Empty(await host.PublishedAsync());
        Assert.Equal("failed", (await host.DedupeRowAsync("retry-2"))?.GetString("State"));

        // The queue hands the same message back (same id, next dequeue count).
        await host.Processor.ProcessAsync(first with { DequeueCount = 2 }, default);

        Assert.False((await host.PublishedRecordAsync(eventId)).GetProperty("partial").GetBoolean());
        Assert.Equal("done", (await host.DedupeRowAsync("retry-2"))?.GetString("State"));
    }

    internal static void FastBackoff(IServiceCollection services) =>
        services.AddSingleton(new GitLabBackoff { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) });
}
