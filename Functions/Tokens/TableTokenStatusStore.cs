using GitLabConnector.Storage;

namespace GitLabConnector.Tokens;

/// <summary>
/// A status with an ETag is written only if unchanged since read; one without is inserted, so two racing first checks
/// cannot both win.
/// </summary>
public sealed class TableTokenStatusStore(TableServiceClient tables) : ITokenStatusStore
{
    public const string TableName = "tokenstatus";
    public const string Partition = "token";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task<TokenStatus?> GetAsync(string connectionId, CancellationToken cancellationToken) =>
        await _table.FindAsync(Partition, connectionId, null, cancellationToken).ConfigureAwait(false) is { } entity ? ToStatus(entity) : null;

    public async Task<TokenStatus> SaveAsync(TokenStatus status, CancellationToken cancellationToken)
    {
        var entity = ToEntity(status);
        try
        {
            var etag = status.ETag is null
                ? await _table.AddCreatingTableAsync(entity, cancellationToken).ConfigureAwait(false)
                : (await _table.UpdateEntityAsync(entity, new ETag(status.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)).Headers.ETag.GetValueOrDefault();
            return status with { ETag = etag.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            throw new TokenStatusConflictException($"token status of connection '{status.ConnectionId}' was changed concurrently", e);
        }
    }

    // Null properties are simply absent from the stored entity.
    internal static TableEntity ToEntity(TokenStatus status) =>
        new TableEntity(Partition, status.ConnectionId)
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
        }.WithoutNulls();

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
        ETag = entity.ETag.ToString(),
    };
}
