using Azure;

namespace GitLabConnector.Storage;

/// <summary>
/// Writes that create their queue, table or container on first use (a 404 from the service), so the app needs no
/// provisioning step and start-up — a cold start in Functions — makes no storage round trips.
/// </summary>
public static class StorageAutoCreate
{
    public static async Task<QueueMessageReceipt> SendCreatingQueueAsync(this IQueueService queues, string queueName, string messageText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        try
        {
            return await queues.SendMessageAsync(queueName, messageText, null, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await queues.CreateQueueIfNotExistsAsync(queueName, cancellationToken).ConfigureAwait(false);
            return await queues.SendMessageAsync(queueName, messageText, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<string> UploadCreatingContainerAsync(this IBlobService blobs, string containerName, string blobName, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        try
        {
            return await blobs.UploadAsync(containerName, blobName, content, contentType, overwrite: true, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await blobs.CreateContainerIfNotExistsAsync(containerName, cancellationToken).ConfigureAwait(false);
            return await blobs.UploadAsync(containerName, blobName, content, contentType, overwrite: true, cancellationToken).ConfigureAwait(false);
        }
    }

    public static Task<string> UpsertCreatingTableAsync(this ITableService tables, string tableName, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return WithTableAsync(tables, tableName, () => tables.UpsertAsync(tableName, entity, mode, cancellationToken), cancellationToken);
    }

    public static Task<string> InsertCreatingTableAsync(this ITableService tables, string tableName, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return WithTableAsync(tables, tableName, () => tables.InsertAsync(tableName, entity, cancellationToken), cancellationToken);
    }

    private static async Task<string> WithTableAsync(ITableService tables, string tableName, Func<Task<string>> write, CancellationToken cancellationToken)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode is "TableNotFound" or null)
        {
            await tables.CreateTableIfNotExistsAsync(tableName, cancellationToken).ConfigureAwait(false);
            return await write().ConfigureAwait(false);
        }
    }
}
