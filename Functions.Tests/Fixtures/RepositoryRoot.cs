namespace GitLabConnector.Tests.Fixtures;

/// <summary>The checkout root: the nearest folder above the test binaries that holds <c>connector.sln</c>.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "connector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"connector.sln not found above {AppContext.BaseDirectory}");
    }
}
