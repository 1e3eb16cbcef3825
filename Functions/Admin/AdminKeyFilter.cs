using GitLabConnector.Configuration;
using System.Security.Cryptography;

namespace GitLabConnector.Admin;

/// <summary>
/// Standalone, <c>x-functions-key</c> must equal <c>Connector:AdminKey</c>; without a configured key the admin API is
/// disabled (503), never open. In Functions mode the host has already checked the function key.
/// </summary>
public sealed class AdminKeyFilter(HostingMode mode, IOptions<AdminOptions> options, ILogger<AdminKeyFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "x-functions-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (mode.IsFunctionsHost || Refusal(request, options.Value) is not { } refusal)
        {
            return await next(context).ConfigureAwait(false);
        }

        AdminLog.Refused(logger, refusal.Reason, request.Method, request.Path);
        return refusal.Problem;
    }

    /// <summary>Whether the request carries the configured admin key (never true when none is configured).</summary>
    public static bool HasAdminKey(HttpRequest request, AdminOptions options) => Refusal(request, options) is null;

    private static (string Reason, ProblemHttpResult Problem)? Refusal(HttpRequest request, AdminOptions options)
    {
        var presented = request.Headers[HeaderName].ToString();
        return string.IsNullOrEmpty(options.AdminKey)
            ? ("admin API disabled", AdminProblems.Create(StatusCodes.Status503ServiceUnavailable, "admin-api-disabled", "The admin API is disabled: set Connector:AdminKey (Connector__AdminKey) to enable it."))
            : string.IsNullOrEmpty(presented)
            ? ("missing key", AdminProblems.Create(StatusCodes.Status401Unauthorized, "admin-key-missing", $"Send the admin key in the {HeaderName} header."))
            : !KeyEquals(presented, options.AdminKey)
            ? ("wrong key", AdminProblems.Create(StatusCodes.Status403Forbidden, "admin-key-invalid", "The admin key is not valid."))
            : null;
    }

    // Hashing first makes the comparison independent of both lengths.
    private static bool KeyEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
