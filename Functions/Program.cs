using GitLabConnector.Hosting;

var app = ConnectorApplication.Build(args);
await app.RunAsync();

/// <summary>Entry point; public so integration tests can reference the assembly.</summary>
public partial class Program;
