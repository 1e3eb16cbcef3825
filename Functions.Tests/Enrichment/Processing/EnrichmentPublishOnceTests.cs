using System.Net.Http;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using GitLabConnector.Enrichment;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Enrichment.Processing;

/// <summary>Once an event is published, no failure after it leads to a second publish.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnrichmentPublishOnceTests(AzuriteFixture azurite)
{
    /// <summary>Fails every "mark done" (an unconditional PUT on the dedupe table) while switched on, as an unreachable storage would.</summary>
    private sealed class DoneMarkFault : HttpPipelineSynchronousPolicy
    {
        public bool On { get; set; }

        public override void OnSendingRequest(HttpMessage message)
        {
            if (On && message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.Contains("/dedupe(", StringComparison.Ordinal) &&
                !message.Request.Headers.Contains("If-Match"))
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "storage unreachable (test fault)");
            }
        }
    }

    private Task<EnrichmentPipelineHost> StartAsync(DoneMarkFault fault)
    {
        var options = StorageClientDefaults.Apply(new TableClientOptions(), azurite.CreateConfiguration());
        options.AddPolicy(fault, HttpPipelinePosition.PerRetry);
        return EnrichmentPipelineHost.StartAsync(
            azurite,
            settings: [new("Connector:Enrichment:MarkDoneRetryDelay", "00:00:00.010")],
            services: s => s.AddSingleton(new TableServiceClient(azurite.ConnectionString, options)));
    }

    [Fact]
    public async Task An_event_published_but_not_marked_done_keeps_its_claim_and_its_retry_only_marks_it_done()
    {
        var fault = new DoneMarkFault();
        await using var host = await StartAsync(fault);
        var eventId = await host.DeliverAsync("pipeline.json", "unmarked-1");
        var message = await host.ReceiveAsync();

        fault.On = true;
        await Assert.ThrowsAsync<PublishedNotMarkedDoneException>(() => host.Processor.ProcessAsync(message, default));
        Assert.Single(await host.PublishedAsync());
        Assert.Equal("publishing", (await host.DedupeRowAsync("unmarked-1"))?.GetString("State"));
        var callsBeforeRetry = host.GitLab.Requests.Entries.Count;

        fault.On = false;
        await host.Processor.ProcessAsync(message with { DequeueCount = 2 }, default);

        Assert.Equal(eventId, Assert.Single(await host.PublishedAsync()).GetProperty("eventId").GetString());
        Assert.Equal("done", (await host.DedupeRowAsync("unmarked-1"))?.GetString("State"));
        Assert.Equal(callsBeforeRetry, host.GitLab.Requests.Entries.Count);
    }
}
