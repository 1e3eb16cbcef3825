using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace GitLabConnector.Hosting.Standalone;

/// <summary>
/// Reads the <c>Values</c> of a Functions-style <c>local.settings.json</c> (keys nested with <c>__</c>),
/// below environment variables in precedence, so standalone runs use the same file as <c>func start</c>.
/// </summary>
public static class LocalSettingsConfiguration
{
    public static IConfigurationBuilder AddLocalSettingsFile(this IConfigurationBuilder builder, string path)
    {
        if (!File.Exists(path))
        {
            return builder;
        }

        var file = new ConfigurationBuilder().AddJsonFile(path, optional: true, reloadOnChange: false).Build();
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in file.GetSection("Values").AsEnumerable(makePathsRelative: true))
        {
            values[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        var environmentVariables = builder.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        builder.Sources.Insert(environmentVariables >= 0 ? environmentVariables : builder.Sources.Count, new MemoryConfigurationSource { InitialData = values });
        return builder;
    }
}
