using System.Text.RegularExpressions;

namespace GitLabConnector.Configuration;

/// <summary>
/// Validates one settings section at start-up: its data annotations (generated with <see cref="OptionsValidatorAttribute"/>:
/// reflection cost every cold start ~15 ms) and its own rules, naming each bad setting as an operator writes it.
/// </summary>
public abstract class SettingsValidator<TOptions>(string section, IValidateOptions<TOptions>? annotations = null) : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly string _setting = section.Replace(":", "__", StringComparison.Ordinal);

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        var checks = annotations?.Validate(section.Replace(':', '.'), options);
        if (checks is { Failed: true })
        {
            failures.AddRange((checks.Failures ?? []).Select(ForOperators));
        }

        Check(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The section's own rules; each failure starts with the setting as an operator writes it.</summary>
    protected virtual void Check(TOptions options, List<string> failures)
    {
    }

    // The generated checks report "Member: message" with the path as Connector.Queues.Events.
    private string ForOperators(string failure)
    {
        var separator = failure.IndexOf(": ", StringComparison.Ordinal);
        var member = separator > 0 ? failure[..separator] : "?";
        var message = separator > 0 ? failure[(separator + 2)..] : failure;
        var path = Regex.Match(message, @"\bConnector(\.[A-Za-z]+)+", RegexOptions.CultureInvariant);
        if (!path.Success)
        {
            return $"{_setting}__{member}: {message}";
        }

        var setting = path.Value.Replace(".", "__", StringComparison.Ordinal);
        return $"{setting}: {message.Replace(path.Value, setting, StringComparison.Ordinal)}";
    }
}
