using System.Globalization;
using Azure;
using GitLabConnector.Storage;

namespace GitLabConnector.Tokens;

/// <summary>
/// Token status in the <c>tokenstatus</c> table: partition <c>token</c>, row key = connection id.
/// A status with an ETag is written only if unchanged since read (<see cref="TokenStatusConflictException"/> otherwise);
/// one without is inserted, so two first checks racing each other cannot both win.
/// </summary>
public sealed class TableTokenStatusStore(ITableService tables) : ITokenStatusStore
{
    public const string TableName = "tokenstatus";
    public const string Partition = "token";

    public async Task<TokenStatus?> GetAsync(string connectionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        var entity = await WithTableAsync(() => tables.GetAsync(TableName, Partition, connectionId, cancellationToken), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToStatus(entity);
    }

    public async Task<TokenStatus> SaveAsync(TokenStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var entity = ToEntity(status);
        try
        {
            var etag = status.ETag is null
                ? await WithTableAsync(() => tables.InsertAsync(TableName, entity, cancellationToken), cancellationToken).ConfigureAwait(false)
                : await tables.UpdateAsync(TableName, entity, status.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return status with { ETag = etag };
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            throw new TokenStatusConflictException($"token status of connection '{status.ConnectionId}' was changed concurrently", e);
        }
    }

    internal static TableEntity ToEntity(TokenStatus status)
    {
        var entity = new TableEntity(Partition, status.ConnectionId)
        {
            ["Kind"] = status.Kind,
            ["TokenId"] = status.TokenId,
            ["ResourceId"] = status.ResourceId,
            ["Name"] = status.Name,
            ["Scopes"] = string.Join(',', status.Scopes),
            ["ExpiresAt"] = status.ExpiresAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["DaysLeft"] = status.DaysLeft,
            ["LastCheckedAt"] = status.LastCheckedAt,
            ["SecretVersion"] = status.SecretVersion,
            ["State"] = status.State,
            ["LastAlertThreshold"] = status.LastAlertThreshold,
            ["LastAlertState"] = status.LastAlertState,
            ["RotationStartedAt"] = status.RotationStartedAt,
            ["RotationOwner"] = status.RotationOwner,
            ["RotationFromVersion"] = status.RotationFromVersion,
        };

        // Null properties are simply absent from the stored entity.
        foreach (var name in entity.Properties.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            entity.Remove(name);
        }

        entity.ETag = status.ETag;
        return entity;
    }

    internal static TokenStatus ToStatus(TableEntity entity) => new()
    {
        ConnectionId = entity.RowKey,
        Kind = entity.GetString("Kind"),
        TokenId = entity.GetInt64("TokenId"),
        ResourceId = entity.GetInt64("ResourceId"),
        Name = entity.GetString("Name"),
        Scopes = entity.GetString("Scopes") is { Length: > 0 } scopes ? scopes.Split(',') : [],
        ExpiresAt = DateOnly.TryParseExact(entity.GetString("ExpiresAt"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
        DaysLeft = entity.GetInt32("DaysLeft"),
        LastCheckedAt = entity.GetDateTimeOffset("LastCheckedAt"),
        SecretVersion = entity.GetString("SecretVersion"),
        State = entity.GetString("State") ?? TokenStates.Ok,
        LastAlertThreshold = entity.GetInt32("LastAlertThreshold"),
        LastAlertState = entity.GetString("LastAlertState"),
        RotationStartedAt = entity.GetDateTimeOffset("RotationStartedAt"),
        RotationOwner = entity.GetString("RotationOwner"),
        RotationFromVersion = entity.GetString("RotationFromVersion"),
        ETag = entity.ETag,
    };

    // The table is created on first use so start-up does no storage round trips.
    private async Task<T> WithTableAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "TableNotFound")
        {
            await tables.CreateTableIfNotExistsAsync(TableName, cancellationToken).ConfigureAwait(false);
            return await operation().ConfigureAwait(false);
        }
    }
}
