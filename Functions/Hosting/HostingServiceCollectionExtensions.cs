namespace GitLabConnector.Hosting;

/// <summary>
/// Registers the hosting adapter for the detected mode. Both adapters find functions the same way: every
/// <see cref="IQueueFunction"/> and <see cref="ITimerFunction"/> in DI (register them with <c>TryAddEnumerable</c>).
/// Functions mode dispatches host invocations to them (<see cref="FunctionInvocationEndpoints.MapFunctionInvocations"/>);
/// standalone mode consumes queues and runs schedules itself.
/// </summary>
public static class HostingServiceCollectionExtensions
{
    public static IServiceCollection AddHostingAdapters(this IServiceCollection services, HostingMode mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        services.AddSingleton<FunctionRegistry>();
        if (mode.IsStandalone && mode.RunsWorkers)
        {
            services.AddHostedService<QueueConsumerService>();
            services.AddHostedService<TimerSchedulerService>();
        }

        return services;
    }
}
