using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace GitLabConnector.Storage;

/// <summary>
/// Table service REST client implementing <see cref="ITableService"/>. Bodies are sent as no-metadata JSON with explicit
/// type annotations; responses are requested with minimal metadata so typed values and per-entity ETags survive a read.
/// </summary>
public sealed class TableService : ITableService
{
    public const string ServiceVersion = "2019-02-02";

    private const string RequestJson = "application/json;odata=nometadata";
    private const string ResponseJson = "application/json;odata=minimalmetadata";
    private static readonly RequestMethod Merge = new("MERGE");

    private readonly StorageRestClient _client;

    public TableService(StorageConnection connection, StorageClientOptions options)
        : this(StoragePipelineFactory.Create(connection, StorageServiceKind.Table, options), connection.GetEndpoint(StorageServiceKind.Table))
    {
    }

    public TableService(HttpPipeline pipeline, Uri endpoint)
    {
        _client = new StorageRestClient(pipeline, endpoint, ServiceVersion);
    }

    public async Task CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetBody(message.Request, CreateTableBody(tableName));
        // 409 (TableAlreadyExists) is an accepted answer here, not an exception thrown and caught on every first use.
        await _client.SendAsync(message, cancellationToken, 201, 204, 409).ConfigureAwait(false);
    }

    public async Task<string> InsertAsync(string tableName, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Post, Uri.EscapeDataString(tableName));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetBody(message.Request, TableEntityJson.Serialize(entity));
        var response = await _client.SendAsync(message, cancellationToken, 201, 204).ConfigureAwait(false);
        return entity.ETag = ETagOf(response);
    }

    public Task<string> UpsertAsync(string tableName, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken) =>
        WriteAsync(tableName, entity, ifMatch: null, mode, cancellationToken);

    public Task<string> UpdateAsync(string tableName, TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return WriteAsync(tableName, entity, ifMatch, mode, cancellationToken);
    }

    public async Task<TableEntity?> GetAsync(string tableName, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, EntityPath(tableName, partitionKey, rowKey));
        var response = await _client.SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJson.Deserialize(json.RootElement);
        if (response.Headers.TryGetValue("ETag", out var etag))
        {
            entity.ETag = etag;
        }

        return entity;
    }

    public async Task<TablePage> QueryPageAsync(string tableName, string? filter, int? top, TableContinuation? continuation, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, Uri.EscapeDataString(tableName) + "()");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter);
        }

        if (top is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(top));
            uri.AppendQuery("$top", Math.Min(count, 1000).ToString(CultureInfo.InvariantCulture));
        }

        if (continuation is not null)
        {
            uri.AppendQuery("NextPartitionKey", continuation.NextPartitionKey);
            if (continuation.NextRowKey is not null)
            {
                uri.AppendQuery("NextRowKey", continuation.NextRowKey);
            }
        }

        var response = await _client.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var entities = json.RootElement.TryGetProperty("value", out var value)
            ? value.EnumerateArray().Select(TableEntityJson.Deserialize).ToList()
            : [];
        TableContinuation? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition) && !string.IsNullOrEmpty(nextPartition))
        {
            response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow);
            next = new TableContinuation(nextPartition, string.IsNullOrEmpty(nextRow) ? null : nextRow);
        }

        return new TablePage(entities, next);
    }

    public async IAsyncEnumerable<TableEntity> QueryAsync(string tableName, string? filter, int? maxPerPage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TableContinuation? continuation = null;
        do
        {
            var page = await QueryPageAsync(tableName, filter, maxPerPage, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    public async Task DeleteAsync(string tableName, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(tableName, partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", string.IsNullOrEmpty(ifMatch) ? "*" : ifMatch);
        await _client.SendAsync(message, cancellationToken, 204, 404).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>table(PartitionKey='pk',RowKey='rk')</c> with quotes in keys doubled and the key then URL-encoded.
    /// </summary>
    internal static string EntityPath(string tableName, string partitionKey, string rowKey) =>
        $"{Uri.EscapeDataString(tableName)}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    internal static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private async Task<string> WriteAsync(string tableName, TableEntity entity, string? ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, EntityPath(tableName, entity.PartitionKey, entity.RowKey));
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }

        SetBody(message.Request, TableEntityJson.Serialize(entity));
        var response = await _client.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
        return entity.ETag = ETagOf(response);
    }

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = _client.CreateMessage(method, path);
        message.Request.Headers.SetValue("Accept", ResponseJson);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    /// <summary><c>{"TableName":"..."}</c>, written directly: reflection-based serialization of a dictionary cost a
    /// cold instance ~10 ms of metadata building on its first table access.</summary>
    private static byte[] CreateTableBody(string tableName)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("TableName", tableName);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void SetBody(Request request, byte[] json)
    {
        request.Headers.SetValue("Content-Type", RequestJson);
        request.Content = RequestContent.Create(json);
    }

    private static string ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) && etag is not null
            ? etag
            : throw new StorageRequestFailedException(response.Status, null, "The Table service response carried no ETag.");
}
