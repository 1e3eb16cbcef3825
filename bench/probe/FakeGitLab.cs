using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Text;

namespace GitLabConnector.Probe;

/// <summary>
/// A stand-in GitLab on loopback: answers <c>/user</c> and <c>/personal_access_tokens/self</c> for any token, or — once
/// <see cref="Huge"/> is set — streams a body of <see cref="HugeBytes"/> bytes to every call, as a hostile or broken
/// self-managed GitLab could. Counts the calls it answered.
/// </summary>
internal sealed class FakeGitLab : IAsyncDisposable
{
    public const long HugeBytes = 300L * 1024 * 1024;
    private readonly WebApplication _app;
    private int _calls;

    private FakeGitLab(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public bool Huge { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public static async Task<FakeGitLab> StartAsync()
    {
        var port = Loopback.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var fake = new FakeGitLab(app, new Uri($"http://127.0.0.1:{port}"));
        app.Run(fake.AnswerAsync);
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        context.Response.ContentType = "application/json";
        if (Huge)
        {
            await StreamHugeAsync(context);
            return;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        var body = path.EndsWith("/personal_access_tokens/self", StringComparison.Ordinal)
            ? """{"id":7,"name":"probe","scopes":["read_api"],"expires_at":null,"active":true,"revoked":false,"user_id":1,"last_used_at":null}"""
            : """{"id":1,"username":"probe","name":"Probe","email":null,"bot":false,"web_url":"http://127.0.0.1/probe"}""";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static async Task StreamHugeAsync(HttpContext context)
    {
        context.Response.ContentLength = HugeBytes;
        var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
        chunk[0] = (byte)'[';
        try
        {
            for (long sent = 0; sent < HugeBytes; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, HugeBytes - sent)), context.RequestAborted);
                chunk[0] = (byte)' ';
            }
        }
        catch (OperationCanceledException)
        {
            // The connector stopped reading: what a bounded reader should do.
        }
    }
}
