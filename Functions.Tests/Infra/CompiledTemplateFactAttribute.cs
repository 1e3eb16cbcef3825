namespace GitLabConnector.Tests.Infra;

/// <summary>
/// A fact about the ARM template the Bicep CLI compiles from <c>infra/main.bicep</c> (<c>artifacts/infra/main.json</c>,
/// written by <c>scripts/bicep.sh</c>). Restoring and running the CLI takes ~25 s, so a plain test run does not: without the
/// file the fact is skipped locally, but in CI (<c>CI=true</c>, where .ci/run runs scripts/bicep.sh first) it runs and fails.
/// </summary>
public sealed class CompiledTemplateFactAttribute : FactAttribute
{
    public CompiledTemplateFactAttribute()
    {
        if (!File.Exists(TemplatePath) && !IsCi)
        {
            Skip = $"No compiled template at {TemplatePath}: run ./scripts/bicep.sh.";
        }
    }

    public static string TemplatePath => Path.Combine(InfraTree.FindRepositoryRoot(), "artifacts", "infra", "main.json");

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
