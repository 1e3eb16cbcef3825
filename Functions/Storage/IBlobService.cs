namespace GitLabConnector.Storage;

/// <summary>The blob operations the connector needs (block blobs uploaded in one request).</summary>
public interface IBlobService
{
    Task CreateContainerIfNotExistsAsync(string containerName, CancellationToken cancellationToken);

    /// <summary>Uploads in one Put Blob; with <paramref name="overwrite"/> false a existing blob gives status 409. Returns the ETag.</summary>
    Task<string> UploadAsync(string containerName, string blobName, ReadOnlyMemory<byte> content, string contentType, bool overwrite, CancellationToken cancellationToken);

    /// <summary>Returns null when the blob does not exist.</summary>
    Task<BinaryData?> DownloadAsync(string containerName, string blobName, CancellationToken cancellationToken);

    /// <summary>A missing blob is not an error.</summary>
    Task DeleteAsync(string containerName, string blobName, CancellationToken cancellationToken);
}
