using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Hosting;

/// <summary>
/// A fact about the deployable zip that <c>scripts/package.sh</c> builds (<c>artifacts/connector.zip</c>, or the path in
/// <c>CONNECTOR_PACKAGE</c>). Publishing self-contained takes minutes, so a plain test run does not build it: without the zip
/// the fact is skipped locally, but in CI (<c>CI=true</c>, where .ci/run builds the package first) it runs and fails.
/// </summary>
public sealed class PackageFactAttribute : FactAttribute
{
    public const string PathVariable = "CONNECTOR_PACKAGE";

    public PackageFactAttribute()
    {
        if (!File.Exists(PackagePath) && !IsCi)
        {
            Skip = $"No package at {PackagePath}: run ./scripts/package.sh (or set {PathVariable}).";
        }
    }

    public static string PackagePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(RepositoryRoot.Path, "artifacts", "connector.zip");

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
