namespace GitLabConnector.Tokens;

/// <summary>The <c>gitlab-connector/alert@1</c> message; nulls are written, so every field is always present.</summary>
internal sealed record TokenAlertMessage(
    string Schema,
    string AlertId,
    string ConnectionId,
    string Kind,
    string Severity,
    string State,
    int? DaysLeft,
    DateOnly? ExpiresAt,
    int? Threshold,
    string Message,
    string Action,
    DateTimeOffset RaisedAt,
    int EventId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TokenAlertMessage))]
internal sealed partial class TokenAlertJsonContext : JsonSerializerContext;
