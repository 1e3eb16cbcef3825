using System.Reflection;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Hosting.Worker;

/// <summary>The Functions project's own build output (same configuration as these tests): the worker as the host would start it.</summary>
public static class WorkerBuildOutput
{
    public static string Directory { get; } = Path.Combine(
        RepositoryRoot.Path,
        "Functions",
        "bin",
        typeof(WorkerBuildOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release",
        "net10.0");

    public static string FunctionsMetadataPath => Path.Combine(Directory, "functions.metadata");

    public static string WorkerAssemblyPath => Path.Combine(Directory, "GitLabConnector.dll");
}
