using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Webhooks;
using Microsoft.AspNetCore.Http;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>Calls the running app's <see cref="WebhookIngestion"/> with a hand-built request, so a test controls the body stream itself.</summary>
internal static class IngestionCall
{
    public static DefaultHttpContext Request(ConnectorAppHost host, Stream body, long? contentLength, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext { RequestServices = host.Services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = contentLength;
        context.Request.Body = body;
        context.Request.Headers["X-Gitlab-Event"] = "Push Hook";
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <returns>The status code and Retry-After header the handler answered with.</returns>
    public static async Task<(int Status, string? RetryAfter)> SendAsync(ConnectorAppHost host, HttpContext context, string connectionId)
    {
        var result = await host.Get<WebhookIngestion>().HandleAsync(context.Request, connectionId);
        await result.ExecuteAsync(context);
        var retryAfter = context.Response.Headers.RetryAfter.ToString();
        return (context.Response.StatusCode, string.IsNullOrEmpty(retryAfter) ? null : retryAfter);
    }
}
