using GitLabConnector.Enrichment;
using GitLabConnector.Projects;

namespace GitLabConnector.Admin;

/// <summary>Source-generated: built by reflection, this metadata was on every delivery's cold-start path (the first request builds the endpoints).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ConnectRequest))]
[JsonSerializable(typeof(ReplaceTokenRequest))]
[JsonSerializable(typeof(CaCertificateRequest))]
[JsonSerializable(typeof(CaCertificateChanged))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(ConnectionCreated))]
[JsonSerializable(typeof(ConnectionList))]
[JsonSerializable(typeof(ConnectionView))]
[JsonSerializable(typeof(WebhookInstructions))]
[JsonSerializable(typeof(ConnectionTestResult))]
[JsonSerializable(typeof(TokenReplaced))]
[JsonSerializable(typeof(SecretRotated))]
[JsonSerializable(typeof(UserMapReplaced))]
[JsonSerializable(typeof(ConnectionDisconnected))]
[JsonSerializable(typeof(DeadLetterList))]
[JsonSerializable(typeof(DeadLettersReplayed))]
[JsonSerializable(typeof(EventStatus))]
[JsonSerializable(typeof(SyncRequest))]
[JsonSerializable(typeof(SyncStarted))]
[JsonSerializable(typeof(SyncStatus))]
[JsonSerializable(typeof(ProjectPage))]
[JsonSerializable(typeof(ProjectHookInstalled))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
