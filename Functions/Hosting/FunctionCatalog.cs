namespace GitLabConnector.Hosting;

/// <summary>
/// The functions the app exposes to the Functions host (SPEC §3). The single source that
/// <c>functions/*/function.json</c> is checked against, and that the Functions-mode adapter dispatches from.
/// </summary>
/// <remarks>
/// Settings appear in bindings as flat names (<c>%CONNECTOR_EVENTS_QUEUE%</c>): the host resolves a nested
/// <c>%Connector:Queues:Events%</c> but the scale controller, which wakes an idle app for its queue and timer, looks the
/// literal name up and cannot find it (azure-functions-host#8665); <c>%Connector__Queues__Events%</c> is not resolved
/// by the host at all (azure-functions-host#10246). See <see cref="SettingNames.HostEventsQueue"/>.
/// </remarks>
public static class FunctionCatalog
{
    public const string Webhook = "webhook";
    public const string Enrich = "enrich";
    public const string TokenMonitor = "token-monitor";
    public const string Admin = "admin";
    public const string Health = "health";

    public const string EventsQueueSetting = "%" + SettingNames.HostEventsQueue + "%";
    public const string TokensScheduleSetting = "%" + SettingNames.HostTokensSchedule + "%";
    public const string StorageConnection = "AzureWebJobsStorage";

    public const string HttpTriggerBinding = "req";
    public const string HttpOutputBinding = "res";
    public const string QueueTriggerBinding = "message";
    public const string TimerTriggerBinding = "timer";

    /// <summary>
    /// One function may have one route, so <c>admin</c> serves both <c>/api/connections/...</c> and
    /// <c>/api/deadletter/...</c> through a constrained first segment; the catch-all also matches the bare segment.
    /// </summary>
    public const string AdminRoute = "{section:regex(^(connections|deadletter)$)}/{*path}";

    public static IReadOnlyList<FunctionDefinition> All { get; } =
    [
        Http(Webhook, "webhooks/gitlab/{connectionId}", FunctionAuthLevel.Anonymous, "post"),
        new(Enrich, FunctionTriggerKind.Queue, QueueTriggerBinding) { QueueNameSetting = EventsQueueSetting, Connection = StorageConnection },
        new(TokenMonitor, FunctionTriggerKind.Timer, TimerTriggerBinding) { ScheduleSetting = TokensScheduleSetting },
        Http(Admin, AdminRoute, FunctionAuthLevel.Function, "get", "post", "put", "delete"),
        Http(Health, "health", FunctionAuthLevel.Anonymous, "get"),
    ];

    public static bool TryGet(string name, out FunctionDefinition definition)
    {
        definition = All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return definition is not null;
    }

    /// <summary>The app setting (environment variable) behind a binding expression: <c>%CONNECTOR_EVENTS_QUEUE%</c> → <c>CONNECTOR_EVENTS_QUEUE</c>.</summary>
    public static string ToAppSettingName(string bindingExpression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bindingExpression);
        return bindingExpression.Trim('%').Replace(":", "__", StringComparison.Ordinal);
    }

    private static FunctionDefinition Http(string name, string route, FunctionAuthLevel authLevel, params string[] methods) =>
        new(name, FunctionTriggerKind.Http, HttpTriggerBinding)
        {
            Route = route,
            Methods = methods,
            AuthLevel = authLevel,
            HttpOutputBindingName = HttpOutputBinding,
        };
}
