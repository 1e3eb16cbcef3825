using GitLabConnector.Hosting;
using GitLabConnector.Storage;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Enrichment;

/// <summary>The events queue's <c>-poison</c> queue (same name the Functions host uses).</summary>
public sealed class PoisonQueue(IQueueService queues, IOptions<ConnectorOptions> options)
{
    public string Name => options.Value.Queues.Events + "-poison";

    public async Task SendAsync(string messageText, CancellationToken cancellationToken)
    {
        try
        {
            await queues.SendMessageAsync(Name, messageText, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.Status == 404)
        {
            await queues.CreateQueueIfNotExistsAsync(Name, cancellationToken).ConfigureAwait(false);
            await queues.SendMessageAsync(Name, messageText, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
