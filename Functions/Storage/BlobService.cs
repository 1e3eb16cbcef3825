using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace GitLabConnector.Storage;

public sealed class BlobService(BlobServiceClient service) : IBlobService
{
    public async Task CreateContainerIfNotExistsAsync(string containerName, CancellationToken cancellationToken) =>
        await service.GetBlobContainerClient(containerName).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    public async Task<string> UploadAsync(string containerName, string blobName, ReadOnlyMemory<byte> content, string contentType, bool overwrite, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType },
            Conditions = overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        var info = await Blob(containerName, blobName).UploadAsync(BinaryData.FromBytes(content), options, cancellationToken).ConfigureAwait(false);
        return info.Value.ETag.ToString();
    }

    public async Task<BinaryData?> DownloadAsync(string containerName, string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return (await Blob(containerName, blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string containerName, string blobName, CancellationToken cancellationToken) =>
        await Blob(containerName, blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    private BlobClient Blob(string containerName, string blobName) => service.GetBlobContainerClient(containerName).GetBlobClient(blobName);
}
