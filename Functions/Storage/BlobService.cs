using Azure.Core;
using Azure.Core.Pipeline;

namespace GitLabConnector.Storage;

/// <summary>Blob service REST client (block blobs in one Put Blob; x-ms-version 2021-12-02) implementing <see cref="IBlobService"/>.</summary>
public sealed class BlobService : IBlobService
{
    public const string ServiceVersion = "2021-12-02";

    private readonly StorageRestClient _client;

    public BlobService(StorageConnection connection, StorageClientOptions options)
        : this(StoragePipelineFactory.Create(connection, StorageServiceKind.Blob, options), connection.GetEndpoint(StorageServiceKind.Blob))
    {
    }

    public BlobService(HttpPipeline pipeline, Uri endpoint)
    {
        _client = new StorageRestClient(pipeline, endpoint, ServiceVersion);
    }

    public async Task CreateContainerIfNotExistsAsync(string containerName, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Put, Uri.EscapeDataString(containerName));
        message.Request.Uri.AppendQuery("restype", "container");
        try
        {
            await _client.SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException ex) when (ex.Status == 409 && ex.ErrorCode == "ContainerAlreadyExists")
        {
            // Already there.
        }
    }

    public async Task<string> UploadAsync(string containerName, string blobName, ReadOnlyMemory<byte> content, string contentType, bool overwrite, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Put, BlobPath(containerName, blobName));
        var request = message.Request;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        request.Headers.SetValue("Content-Type", string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType);
        if (!overwrite)
        {
            request.Headers.SetValue("If-None-Match", "*");
        }

        request.Content = RequestContent.Create(content);
        var response = await _client.SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
        return response.Headers.TryGetValue("ETag", out var etag) && etag is not null ? etag : string.Empty;
    }

    public async Task<BinaryData?> DownloadAsync(string containerName, string blobName, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Get, BlobPath(containerName, blobName));
        var response = await _client.SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        return response.Status == 404 ? null : response.Content;
    }

    public async Task DeleteAsync(string containerName, string blobName, CancellationToken cancellationToken)
    {
        using var message = _client.CreateMessage(RequestMethod.Delete, BlobPath(containerName, blobName));
        await _client.SendAsync(message, cancellationToken, 202, 404).ConfigureAwait(false);
    }

    // Blob names may contain '/' as a virtual directory separator: escape each segment, keep the slashes.
    private static string BlobPath(string containerName, string blobName) =>
        Uri.EscapeDataString(containerName) + "/" + string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));
}
