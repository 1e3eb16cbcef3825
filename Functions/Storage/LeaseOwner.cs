namespace GitLabConnector.Storage;

/// <summary>
/// Lease owner names: the instance (App Service <c>WEBSITE_INSTANCE_ID</c>, else the machine) and process, which an operator
/// can recognise in an alert, plus a unique suffix so two runs in one process never share a lease.
/// </summary>
public static class LeaseOwner
{
    public static string Instance { get; } = string.Create(
        CultureInfo.InvariantCulture,
        $"{(Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID") is { Length: > 0 } id ? id[..Math.Min(id.Length, 12)] : Environment.MachineName)}/pid-{Environment.ProcessId}");

    public static string NewOwner() => $"{Instance}/{Guid.NewGuid():N}";
}
