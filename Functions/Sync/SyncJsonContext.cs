using GitLabConnector.Webhooks;

namespace GitLabConnector.Sync;

[JsonSerializable(typeof(SyncPageMessage))]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class SyncJsonContext : JsonSerializerContext;
