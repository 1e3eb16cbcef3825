namespace GitLabConnector.Projects;

/// <summary>The alert message: the token alerts' common fields, then the hook's.</summary>
internal sealed record HookAlertMessage(
    string Schema, string AlertId, string ConnectionId, string Kind, string Severity, string State, string Message, string Action, DateTimeOffset RaisedAt, int EventId,
    string Owner, long OwnerId, long HookId, DateTimeOffset? DisabledUntil);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HookAlertMessage))]
internal sealed partial class HookAlertJsonContext : JsonSerializerContext;
