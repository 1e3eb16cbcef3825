using GitLabConnector.Configuration;
using GitLabConnector.Hosting.Standalone;
using GitLabConnector.Hosting.Worker;

// Started by the Functions host: the isolated worker. Otherwise the same handlers serve standalone (docs/architecture.md).
if (HostingMode.IsStartedByFunctionsHost(args))
{
    await WorkerApplication.Build(args).RunAsync();
}
else
{
    await StandaloneApplication.Build(args).RunAsync();
}

/// <summary>Entry point; public so integration tests can reference the assembly.</summary>
public partial class Program;
