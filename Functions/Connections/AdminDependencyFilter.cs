using Azure;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;

namespace GitLabConnector.Connections;

/// <summary>Turns an unavailable registry or secret store into a 503 problem, and an unresolved concurrent change into 409.</summary>
public sealed class AdminDependencyFilter(ILogger<AdminDependencyFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.IsUnavailable())
        {
            AdminLog.DependencyUnavailable(logger, request.Method, request.Path, "storage", e);
            return Unavailable("storage-unavailable", "The connection registry is unavailable; nothing was changed. Retry later.", context.HttpContext);
        }
        catch (SecretStoreUnavailableException e)
        {
            AdminLog.DependencyUnavailable(logger, request.Method, request.Path, "secret store", e);
            return Unavailable("secrets-unavailable", "The secret store is unavailable. Retry later.", context.HttpContext);
        }
        catch (ConnectionConflictException)
        {
            return AdminProblems.Conflict();
        }
    }

    private static IResult Unavailable(string reason, string detail, HttpContext context)
    {
        context.Response.Headers.RetryAfter = "30";
        return AdminProblems.Create(StatusCodes.Status503ServiceUnavailable, reason, detail);
    }
}
