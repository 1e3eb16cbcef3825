namespace GitLabConnector.Hosting;

public enum FunctionTriggerKind
{
    Http,
    Queue,
    Timer,
}

/// <summary>Values of a function.json <c>authLevel</c>.</summary>
public enum FunctionAuthLevel
{
    Anonymous,
    Function,
    Admin,
}

/// <summary>
/// One function as the Functions host sees it (its <c>functions/&lt;Name&gt;/function.json</c>).
/// HTTP functions have exactly one httpTrigger in and one http out, so the host forwards the original request.
/// </summary>
public sealed record FunctionDefinition(string Name, FunctionTriggerKind Trigger, string TriggerBindingName)
{
    /// <summary>HTTP route below the <c>api</c> prefix.</summary>
    public string? Route { get; init; }

    /// <summary>HTTP methods, lower case as function.json writes them; empty means any.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    public FunctionAuthLevel? AuthLevel { get; init; }

    /// <summary>Name of the HTTP output binding.</summary>
    public string? HttpOutputBindingName { get; init; }

    /// <summary>Queue trigger: the binding expression that names the queue (<c>%CONNECTOR_EVENTS_QUEUE%</c>).</summary>
    public string? QueueNameSetting { get; init; }

    /// <summary>Queue trigger: the setting naming the storage connection (<c>AzureWebJobsStorage</c>).</summary>
    public string? Connection { get; init; }

    /// <summary>Timer trigger: the binding expression that holds the schedule (<c>%CONNECTOR_TOKENS_SCHEDULE%</c>).</summary>
    public string? ScheduleSetting { get; init; }
}
