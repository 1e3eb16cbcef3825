using GitLabConnector.Hosting;
using GitLabConnector.Storage;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Enrichment;

/// <summary>The events queue's <c>-poison</c> queue (same name the Functions host uses).</summary>
public sealed class PoisonQueue(IQueueService queues, IOptions<ConnectorOptions> options)
{
    public string Name => options.Value.Queues.Events + "-poison";

    public Task SendAsync(string messageText, CancellationToken cancellationToken) =>
        queues.SendCreatingQueueAsync(Name, messageText, cancellationToken);
}
