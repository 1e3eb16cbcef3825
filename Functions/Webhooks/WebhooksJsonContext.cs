namespace GitLabConnector.Webhooks;

/// <summary>The webhook's <c>202</c> body, generated: by reflection it was part of what a cold start's first delivery waited for.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebhookAccepted))]
internal sealed partial class WebhooksJsonContext : JsonSerializerContext;
