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
        ArgumentNullException.ThrowIfNull(builder);
        if (!File.Exists(path))
        {
            return builder;
        }

        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in section.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()
                    : property.Value.GetRawText();
            }
        }

        var environmentVariables = builder.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        builder.Sources.Insert(environmentVariables >= 0 ? environmentVariables : builder.Sources.Count, new MemoryConfigurationSource { InitialData = values });
        return builder;
    }
}
