namespace GitLabConnector.Tests.Infra;

/// <summary>The repository's <c>infra/</c> folder, read once: each Bicep file's raw text and its comment-free text.</summary>
internal sealed class InfraTree
{
    private static readonly Lazy<InfraTree> Instance = new(Load);

    private InfraTree(string repositoryRoot, IReadOnlyList<BicepFile> files)
    {
        RepositoryRoot = repositoryRoot;
        Files = files;
    }

    public static InfraTree Current => Instance.Value;

    public string RepositoryRoot { get; }

    public string InfraDirectory => Path.Combine(RepositoryRoot, "infra");

    public IReadOnlyList<BicepFile> Files { get; }

    /// <summary>A Bicep file by its path relative to the repository root, e.g. <c>infra/modules/rbac.bicep</c>.</summary>
    public BicepFile File(string relativePath) =>
        Files.SingleOrDefault(f => string.Equals(f.RelativePath, relativePath, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"{relativePath} is missing (found: {string.Join(", ", Files.Select(f => f.RelativePath))})");

    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "connector.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No connector.sln above {AppContext.BaseDirectory}");
    }

    private static InfraTree Load()
    {
        var root = FindRepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "infra"), "*.bicep", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var raw = System.IO.File.ReadAllText(path).ReplaceLineEndings("\n");
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                return new BicepFile(relative, raw, BicepText.StripComments(raw));
            })
            .ToList();
        return new InfraTree(root, files);
    }
}

/// <param name="RelativePath">Path from the repository root with forward slashes.</param>
/// <param name="Raw">The file as written (comments included).</param>
/// <param name="Code">The file with comments blanked out (same indexes and line numbers).</param>
internal sealed record BicepFile(string RelativePath, string Raw, string Code)
{
    public string[] RawLines { get; } = Raw.Split('\n');

    public string Where(int index) => $"{RelativePath}:{BicepText.LineOf(Code, index)}";
}
