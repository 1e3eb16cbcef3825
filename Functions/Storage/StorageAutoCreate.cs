namespace GitLabConnector.Storage;

/// <summary>Writes that create their queue, table or container on first use (a 404), so start-up makes no storage round trips.</summary>
public static class StorageAutoCreate
{
    public static async Task<QueueMessageReceipt> SendCreatingQueueAsync(this IQueueService queues, string queueName, string messageText, CancellationToken cancellationToken)
    {
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

    /// <summary>Inserts; 409 <c>EntityAlreadyExists</c> when the row is there. Returns the new ETag.</summary>
    public static Task<ETag> AddCreatingTableAsync(this TableClient table, TableEntity entity, CancellationToken cancellationToken) =>
        WithTableAsync(table, () => table.AddEntityAsync(entity.WithoutNulls(), cancellationToken), cancellationToken);

    /// <summary>Insert-or-replace (or merge); returns the new ETag.</summary>
    public static Task<ETag> UpsertCreatingTableAsync(this TableClient table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken) =>
        WithTableAsync(table, () => table.UpsertEntityAsync(entity.WithoutNulls(), mode, cancellationToken), cancellationToken);

    /// <summary>True when <paramref name="e"/> says the table itself does not exist (as opposed to a missing row).</summary>
    public static bool IsTableNotFound(this RequestFailedException e) => e.Status == 404 && e.ErrorCode == "TableNotFound";

    private static async Task<ETag> WithTableAsync(TableClient table, Func<Task<Response>> write, CancellationToken cancellationToken)
    {
        try
        {
            return (await write().ConfigureAwait(false)).Headers.ETag.GetValueOrDefault();
        }
        catch (RequestFailedException e) when (e.IsTableNotFound())
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            return (await write().ConfigureAwait(false)).Headers.ETag.GetValueOrDefault();
        }
    }
}
