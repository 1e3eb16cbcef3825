namespace GitLabConnector.Storage;

/// <summary>The table operations the connector needs.</summary>
public interface ITableService
{
    Task CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken);

    /// <summary>Inserts; returns the new ETag. Throws <see cref="Azure.RequestFailedException"/> with status 409 when the entity exists.</summary>
    Task<string> InsertAsync(string tableName, TableEntity entity, CancellationToken cancellationToken);

    /// <summary>Insert-or-replace / insert-or-merge (no ETag condition); returns the new ETag.</summary>
    Task<string> UpsertAsync(string tableName, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken);

    /// <summary>Conditional update; <paramref name="ifMatch"/> is an ETag or <c>*</c>. Status 412 on mismatch, 404 when missing.</summary>
    Task<string> UpdateAsync(string tableName, TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken);

    /// <summary>Returns null when the entity does not exist.</summary>
    Task<TableEntity?> GetAsync(string tableName, string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>All entities matching <paramref name="filter"/>, following continuations.</summary>
    IAsyncEnumerable<TableEntity> QueryAsync(string tableName, string? filter, int? maxPerPage, CancellationToken cancellationToken);

    /// <summary>Deletes; <paramref name="ifMatch"/> defaults to <c>*</c>. A missing entity is not an error.</summary>
    Task DeleteAsync(string tableName, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken);
}

public enum TableUpdateMode
{
    Replace,
    Merge,
}
