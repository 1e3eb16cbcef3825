using GitLabConnector.Storage;

namespace GitLabConnector.Projects;

/// <summary>What the hook check remembers per hook: partition = connection, row = owner-ownerId-hookId.</summary>
public sealed class HookCheckStore(TableServiceClient tables)
{
    public const string TableName = "hookchecks";
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public async Task<HookCheckState> GetAsync(string connectionId, string hookKey, CancellationToken cancellationToken) =>
        await _table.FindAsync(connectionId, hookKey, null, cancellationToken).ConfigureAwait(false) is { } entity
            ? new HookCheckState(entity.GetBoolean("Alerted") ?? false, entity.GetInt64("ResentThrough") ?? 0, entity.GetString("Marks") ?? string.Empty)
            : new HookCheckState(false, 0);

    public Task SaveAsync(string connectionId, string hookKey, HookCheckState state, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(connectionId, hookKey) { ["Alerted"] = state.Alerted, ["ResentThrough"] = state.ResentThrough, ["Marks"] = state.Marks };
        return _table.UpsertCreatingTableAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }
}
