using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;

namespace GitLabConnector.Admin;

/// <summary>
/// Answers a handler's early problem, an unavailable registry or secret store (503), an unresolved concurrent change (409),
/// an unreadable CA (422) and a client too slow or gone (an Information line, not an unhandled exception): as an endpoint
/// filter standalone, through <see cref="RunAsync"/> in the worker's admin functions.
/// </summary>
public sealed class AdminDependencyFilter(ILogger<AdminDependencyFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await GuardAsync(context.HttpContext, async () => await next(context).ConfigureAwait(false)).ConfigureAwait(false);

    public async Task<IResult> RunAsync(HttpRequest request, Func<Task<IResult>> handler) =>
        (IResult)(await GuardAsync(request.HttpContext, async () => await handler().ConfigureAwait(false)).ConfigureAwait(false))!;

    private async Task<object?> GuardAsync(HttpContext context, Func<Task<object?>> next)
    {
        var request = context.Request;
        try
        {
            return await next().ConfigureAwait(false);
        }
        catch (AdminProblemException e)
        {
            // A Require…/…OrReject call ended the request early with the problem it carries.
            return e.Problem;
        }
        catch (RequestFailedException e) when (e.IsUnavailable())
        {
            AdminLog.DependencyUnavailable(logger, request.Method, request.Path, "storage", e);
            return Unavailable("storage-unavailable", "The connection registry is unavailable; nothing was changed. Retry later.", context);
        }
        catch (SecretStoreUnavailableException e)
        {
            AdminLog.DependencyUnavailable(logger, request.Method, request.Path, "secret store", e);
            return Unavailable("secrets-unavailable", "The secret store is unavailable. Retry later.", context);
        }
        catch (ConnectionConflictException)
        {
            return AdminProblems.Conflict();
        }
        catch (GitLabUntrustedCertificateException e)
        {
            // The connection's CA cannot be read where a handler builds its GitLab connection.
            AdminLog.Rejected(logger, $"{request.Method} {request.Path}", request.RouteValues["id"] as string ?? "-", "its CA certificate cannot be read");
            return AdminProblems.Create(StatusCodes.Status422UnprocessableEntity, "gitlab-certificate-untrusted", e.Message);
        }
        catch (BadHttpRequestException e)
        {
            // A client too slow to send its body (408) or sending a malformed one: its problem, not ours.
            AdminLog.ClientFailed(logger, request.Method, request.Path, e.StatusCode, e.Message);
            return AdminProblems.Create(e.StatusCode, "bad-request", "The request could not be read.");
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            AdminLog.ClientFailed(logger, request.Method, request.Path, 499, "the client disconnected");
            return Results.Empty;
        }
    }

    private static IResult Unavailable(string reason, string detail, HttpContext context)
    {
        context.Response.Headers.RetryAfter = "30";
        return AdminProblems.Create(StatusCodes.Status503ServiceUnavailable, reason, detail);
    }
}
