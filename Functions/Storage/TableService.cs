using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using SdkEntity = Azure.Data.Tables.TableEntity;

namespace GitLabConnector.Storage;

/// <summary><see cref="ITableService"/> over <see cref="TableServiceClient"/>.</summary>
public sealed class TableService(TableServiceClient service) : ITableService
{
    public async Task CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken) =>
        await Table(tableName).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    public async Task<string> InsertAsync(string tableName, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var response = await Table(tableName).AddEntityAsync(ToSdk(entity), cancellationToken).ConfigureAwait(false);
        return entity.ETag = ETagOf(response);
    }

    public async Task<string> UpsertAsync(string tableName, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var response = await Table(tableName).UpsertEntityAsync(ToSdk(entity), SdkMode(mode), cancellationToken).ConfigureAwait(false);
        return entity.ETag = ETagOf(response);
    }

    public async Task<string> UpdateAsync(string tableName, TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        var response = await Table(tableName).UpdateEntityAsync(ToSdk(entity), new ETag(ifMatch), SdkMode(mode), cancellationToken).ConfigureAwait(false);
        return entity.ETag = ETagOf(response);
    }

    public async Task<TableEntity?> GetAsync(string tableName, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await Table(tableName).GetEntityIfExistsAsync<SdkEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromSdk(response.Value!) : null;
    }

    public async IAsyncEnumerable<TableEntity> QueryAsync(string tableName, string? filter, int? maxPerPage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in Table(tableName).QueryAsync<SdkEntity>(filter, maxPerPage, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromSdk(entity);
        }
    }

    public async Task DeleteAsync(string tableName, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken) =>
        await Table(tableName).DeleteEntityAsync(partitionKey, rowKey, string.IsNullOrEmpty(ifMatch) ? ETag.All : new ETag(ifMatch), cancellationToken).ConfigureAwait(false);

    private static string ETagOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new RequestFailedException(response.Status, "The Table service response carried no ETag.");

    private TableClient Table(string tableName) => service.GetTableClient(tableName);

    private static Azure.Data.Tables.TableUpdateMode SdkMode(TableUpdateMode mode) =>
        mode == TableUpdateMode.Merge ? Azure.Data.Tables.TableUpdateMode.Merge : Azure.Data.Tables.TableUpdateMode.Replace;

    private static SdkEntity ToSdk(TableEntity entity)
    {
        var sdk = new SdkEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity.Properties.Where(p => p.Value is not null))
        {
            sdk[name] = value;
        }

        return sdk;
    }

    private static TableEntity FromSdk(SdkEntity sdk)
    {
        var entity = new TableEntity(sdk.PartitionKey, sdk.RowKey) { ETag = sdk.ETag.ToString(), Timestamp = sdk.Timestamp };
        foreach (var (name, value) in sdk.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            entity[name] = value is BinaryData binary ? binary.ToArray() : value;
        }

        return entity;
    }
}
