using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>
/// Runs before every route: records the request, applies outage/latency/failure faults, authenticates
/// <c>PRIVATE-TOKEN</c> (401 <c>{"message":"401 Unauthorized"}</c>), and applies the per-token rate limit.
/// </summary>
internal sealed class FakeGitLabGate(string apiPrefix, FakeGitLabState state, FakeGitLabFaults faults, FakeGitLabRateLimit rateLimit, FakeGitLabRequestLog log)
{
    public const string TokenItem = "fake-gitlab-token";
    public const string PathItem = "fake-gitlab-path";
    private const string RetryItem = "fake-gitlab-retry-not-before";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var arrived = DateTimeOffset.UtcNow;
        var fullPath = context.Request.Path.Value ?? "/";
        var path = fullPath.StartsWith(apiPrefix, StringComparison.Ordinal) ? fullPath[apiPrefix.Length..] : fullPath;
        context.Items[PathItem] = path;
        // Logged when the answer starts, before the client can have it: a test that asserts on the log right after its
        // call returns must find the request there (logging after the handler raced the client).
        var logged = 0;
        void Log(int status)
        {
            if (Interlocked.Exchange(ref logged, 1) == 0)
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                if (route is not null && route.StartsWith(apiPrefix, StringComparison.Ordinal))
                {
                    route = route[apiPrefix.Length..];
                }

                log.Add(new FakeGitLabRequest(
                    context.Request.Method, path, context.Request.QueryString.Value ?? string.Empty, route, arrived,
                    status, context.Items[RetryItem] as DateTimeOffset?));
            }
        }

        context.Response.OnStarting(() =>
        {
            Log(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            await GateAsync(context, next, path, arrived);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Log(499);
        }
        finally
        {
            Log(context.Response.StatusCode);
        }
    }

    private async Task GateAsync(HttpContext context, RequestDelegate next, string path, DateTimeOffset arrived)
    {
        if (faults.Outage)
        {
            await FakeGitLabJson.WriteMessageAsync(context.Response, 503, "503 Service Unavailable");
            return;
        }

        var latency = faults.TakeLatency(path);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted);
        }

        if (faults.TakeFailure($"{context.Request.Method} {path}") is { } status)
        {
            await FakeGitLabJson.WriteMessageAsync(context.Response, status, status + " injected failure");
            return;
        }

        var token = state.FindToken(context.Request.Headers["PRIVATE-TOKEN"].FirstOrDefault());
        if (token is null || !token.IsActive)
        {
            if (token is { Revoked: true } && HttpMethods.IsPost(context.Request.Method) && path.EndsWith("/self/rotate", StringComparison.Ordinal))
            {
                state.RevokeFamily(token.FamilyId);
            }

            await FakeGitLabJson.WriteMessageAsync(context.Response, 401, "401 Unauthorized");
            return;
        }

        if (rateLimit.Check(token.Value, arrived, context.Response.Headers) is { } notBefore)
        {
            context.Items[RetryItem] = notBefore;
            await FakeGitLabJson.WriteMessageAsync(context.Response, 429, "Retry later");
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && state.RedirectFor(path) is { } location)
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = location.StartsWith('/') ? apiPrefix + location : location;
            return;
        }

        context.Items[TokenItem] = token;
        await next(context);
    }
}
