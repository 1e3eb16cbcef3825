namespace GitLabConnector.Webhooks;

/// <summary>
/// Compile-time JSON metadata for the webhook's <c>202</c> body: building it by reflection was part of what the
/// delivery that woke a cold instance waited for.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebhookAccepted))]
internal sealed partial class WebhooksJsonContext : JsonSerializerContext;
