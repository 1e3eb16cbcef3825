namespace GitLabConnector.Hosting;

/// <summary>Registers the hosting adapter for the detected mode. Placeholder: completed by the hosting work.</summary>
public static class HostingServiceCollectionExtensions
{
    public static IServiceCollection AddHostingAdapters(this IServiceCollection services, HostingMode mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        return services;
    }

    /// <summary>Functions mode: <c>POST /{functionName}</c> for queue and timer invocations.</summary>
    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder endpoints) => endpoints;
}
