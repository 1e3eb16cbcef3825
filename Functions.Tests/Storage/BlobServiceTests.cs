using Azure;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobServiceTests(AzuriteFixture azurite)
{
    private readonly BlobService _blobs = azurite.CreateBlobService();
    private readonly CancellationToken _ct = CancellationToken.None;

    private async Task<string> NewContainerAsync()
    {
        var name = AzuriteFixture.NewQueueName("c");
        await _blobs.CreateContainerIfNotExistsAsync(name, _ct);
        return name;
    }

    [Fact]
    public async Task Put_get_delete_round_trip_with_nested_names()
    {
        var container = await NewContainerAsync();
        var content = "{\"ü\":1}"u8.ToArray();

        var etag = await _blobs.UploadAsync(container, "2026/01/event id.json", content, "application/json", overwrite: false, _ct);
        var downloaded = await _blobs.DownloadAsync(container, "2026/01/event id.json", _ct);
        await _blobs.DeleteAsync(container, "2026/01/event id.json", _ct);

        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(content, downloaded?.ToArray());
        Assert.Null(await _blobs.DownloadAsync(container, "2026/01/event id.json", _ct));
    }

    [Fact]
    public async Task Creating_an_existing_container_is_not_an_error()
    {
        var container = await NewContainerAsync();

        await _blobs.CreateContainerIfNotExistsAsync(container, _ct);

        Assert.Null(await _blobs.DownloadAsync(container, "absent", _ct));
    }

    [Fact]
    public async Task Upload_without_overwrite_conflicts_409_and_with_overwrite_replaces()
    {
        var container = await NewContainerAsync();
        await _blobs.UploadAsync(container, "b", "one"u8.ToArray(), "text/plain", overwrite: false, _ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => _blobs.UploadAsync(container, "b", "two"u8.ToArray(), "text/plain", overwrite: false, _ct));
        await _blobs.UploadAsync(container, "b", "three"u8.ToArray(), "text/plain", overwrite: true, _ct);

        Assert.Equal(409, error.Status);
        Assert.Equal("three", (await _blobs.DownloadAsync(container, "b", _ct))?.ToString());
    }

    [Fact]
    public async Task Empty_blob_uploads_and_downloads()
    {
        var container = await NewContainerAsync();

        await _blobs.UploadAsync(container, "empty", ReadOnlyMemory<byte>.Empty, "application/octet-stream", overwrite: true, _ct);

        Assert.Equal(0, (await _blobs.DownloadAsync(container, "empty", _ct))?.ToMemory().Length);
    }

    [Fact]
    public async Task Deleting_a_missing_blob_is_not_an_error()
    {
        var container = await NewContainerAsync();

        await _blobs.DeleteAsync(container, "never-existed", _ct);

        Assert.Null(await _blobs.DownloadAsync(container, "never-existed", _ct));
    }
}
