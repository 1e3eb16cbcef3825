using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>Builds webhook deliveries the way GitLab sends them, with any part left out or replaced for negative cases.</summary>
internal static class WebhookRequests
{
    public static string PathFor(string connectionId) => $"api/webhooks/gitlab/{connectionId}";

    public static HttpRequestMessage Post(string connectionId, byte[] body, string? eventName = "Push Hook", string? token = null, string? contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, PathFor(connectionId)) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (eventName is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Gitlab-Event", eventName);
        }

        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Gitlab-Token", token);
        }

        return request;
    }

    /// <summary>GitLab's documented push payload, authenticated with the connection's webhook secret.</summary>
    public static HttpRequestMessage Push(TestConnections.Created connection, string? idempotencyKey = null)
    {
        var request = Post(connection.Id, PayloadFixtures.Read("push.json"), "Push Hook", connection.WebhookSecret);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    /// <summary>Adds Standard Webhooks headers signed with <paramref name="signingToken"/> (a <c>whsec_</c> token).</summary>
    public static void Sign(HttpRequestMessage request, byte[] body, string signingToken, string webhookId, DateTimeOffset sentAt)
    {
        var timestamp = sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = GitLabConnector.Webhooks.WebhookSecretProvider.DecodeSigningKey(signingToken);
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", GitLabConnector.Webhooks.StandardWebhookSignature.Sign(webhookId, timestamp, body, key));
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem response and returns its <c>reason</c>.</summary>
    public static async Task<string?> ProblemReasonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        return problem.GetProperty("reason").GetString();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static MediaTypeHeaderValue Json => new("application/json");
}
