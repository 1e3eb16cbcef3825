using GitLabConnector.Storage;

namespace GitLabConnector.Projects;

/// <summary>What the hook check remembers per hook: partition = connection, row = owner-ownerId-hookId.</summary>
public sealed class HookCheckStore(TableServiceClient tables)
{
    public const string TableName = "hookchecks";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task<HookCheckState> GetAsync(string connectionId, string hookKey, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(connectionId, hookKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.HasValue
                ? new HookCheckState(response.Value!.GetBoolean("Alerted") ?? false, response.Value.GetInt64("ResentThrough") ?? 0, response.Value.GetString("Marks") ?? string.Empty)
                : new HookCheckState(false, 0);
        }
        catch (RequestFailedException e) when (e.IsTableNotFound())
        {
            return new HookCheckState(false, 0);
        }
    }

    public Task SaveAsync(string connectionId, string hookKey, HookCheckState state, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, hookKey) { ["Alerted"] = state.Alerted, ["ResentThrough"] = state.ResentThrough, ["Marks"] = state.Marks };
        return _table.UpsertCreatingTableAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }
}
