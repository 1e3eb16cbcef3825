using GitLabConnector.Admin;
using GitLabConnector.Configuration;
using System.Security.Cryptography;

namespace GitLabConnector.Admin;

/// <summary>
/// Guards the admin API. In Functions mode the host has already checked the function key (authLevel function), so
/// nothing is checked here. Standalone, <c>x-functions-key</c> must equal <c>Connector:AdminKey</c>; without a
/// configured key the admin API is disabled (503) — never open.
/// </summary>
public sealed class AdminKeyFilter(HostingMode mode, IOptions<AdminOptions> options, ILogger<AdminKeyFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "x-functions-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (mode.IsFunctionsHost)
        {
            return await next(context).ConfigureAwait(false);
        }

        var request = context.HttpContext.Request;
        var expected = options.Value.AdminKey;
        if (string.IsNullOrEmpty(expected))
        {
            AdminLog.Refused(logger, "admin API disabled", request.Method, request.Path);
            return AdminProblems.Create(StatusCodes.Status503ServiceUnavailable, "admin-api-disabled", "The admin API is disabled: set Connector:AdminKey (Connector__AdminKey) to enable it.");
        }

        var presented = request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            AdminLog.Refused(logger, "missing key", request.Method, request.Path);
            return AdminProblems.Create(StatusCodes.Status401Unauthorized, "admin-key-missing", $"Send the admin key in the {HeaderName} header.");
        }

        if (!KeyEquals(presented, expected))
        {
            AdminLog.Refused(logger, "wrong key", request.Method, request.Path);
            return AdminProblems.Create(StatusCodes.Status403Forbidden, "admin-key-invalid", "The admin key is not valid.");
        }

        return await next(context).ConfigureAwait(false);
    }

    /// <summary>Whether the request carries the configured admin key (never true when none is configured).</summary>
    public static bool HasAdminKey(HttpRequest request, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var presented = request.Headers[HeaderName].ToString();
        return !string.IsNullOrEmpty(options.AdminKey) && !string.IsNullOrEmpty(presented) && KeyEquals(presented, options.AdminKey);
    }

    // Hashing first makes the comparison independent of both lengths.
    private static bool KeyEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
