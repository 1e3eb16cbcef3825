using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Hosting;

/// <summary>
/// Validates <see cref="ConnectorOptions"/> including nested sections, naming each bad setting the way
/// an operator writes it (<c>Connector__Queues__Events</c>), so a misconfigured app stops with a clear message.
/// </summary>
internal sealed partial class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    private static readonly ConnectorOptionsAnnotations Annotations = new();

    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        var failures = new List<string>();
        Collect(Annotations.Validate("Connector", options), failures);

        if (!Uri.TryCreate(options.Urls, UriKind.Absolute, out _))
        {
            failures.Add("Connector__Urls: must be an absolute URL such as http://127.0.0.1:7071");
        }

        if (string.Equals(options.AdminKey, SampleAdminKey, StringComparison.Ordinal) && !ListensOnLoopbackOnly(options.Urls))
        {
            failures.Add($"Connector__AdminKey: the sample key from local.settings.sample.json is refused when Connector__Urls ({options.Urls}) listens beyond loopback; set a key of your own");
        }

        if (options.PublicBaseUrl is { IsAbsoluteUri: false })
        {
            failures.Add("Connector__PublicBaseUrl: must be an absolute URL");
        }

        if (options.KeyVaultUri is { } vault && (!vault.IsAbsoluteUri || vault.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Connector__KeyVaultUri: must be an absolute https URL");
        }

        if (options.MaxUnverifiedBytes < options.MaxPayloadBytes)
        {
            failures.Add("Connector__MaxUnverifiedBytes: must be at least Connector__MaxPayloadBytes, or a signed delivery of the largest allowed size could never be verified");
        }

        if (options.SecretOverlap < TimeSpan.Zero || options.SecretOverlap > TimeSpan.FromDays(30))
        {
            failures.Add("Connector__SecretOverlap: must be between 00:00:00 and 30.00:00:00");
        }

        if (options.Queues.VisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add("Connector__Queues__VisibilityTimeout: must be at least 1 second");
        }

        if (options.GitLab.RateWindow < TimeSpan.FromSeconds(1) || options.GitLab.RateWindow > TimeSpan.FromHours(1))
        {
            failures.Add("Connector__GitLab__RateWindow: must be between 00:00:01 and 01:00:00");
        }

        if (!TryParseWarningDays(options.Tokens.WarningDays, out _))
        {
            failures.Add("Connector__Tokens__WarningDays: must be a comma-separated list of positive whole days, e.g. 30,14,7,3,1");
        }

        if (TimerSchedule.TryParse(options.Tokens.Schedule) is null)
        {
            failures.Add($"Connector__Tokens__Schedule: '{options.Tokens.Schedule}' is not a 6-field NCRONTAB expression (second minute hour day month day-of-week), e.g. 0 0 */6 * * *");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The admin key shipped in <c>local.settings.sample.json</c>: fine on loopback, public knowledge anywhere else.</summary>
    public const string SampleAdminKey = "local-dev-admin-key-change-me";

    /// <summary>Whether every URL in <paramref name="urls"/> (<c>;</c>-separated, as Kestrel takes them) binds a loopback address.</summary>
    public static bool ListensOnLoopbackOnly(string? urls) =>
        !string.IsNullOrWhiteSpace(urls) && urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(url =>
        {
            // Kestrel's wildcards ("http://*:7071", "http://+:7071") bind every interface; Uri does not parse them.
            var parsable = url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri))
            {
                return false;
            }

            return string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase) ||
                (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
        });

    /// <summary>Parses <c>30,14,7,3,1</c> into distinct thresholds, largest first.</summary>
    public static bool TryParseWarningDays(string? value, out IReadOnlyList<int> days)
    {
        var list = new List<int>();
        days = list;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) || d <= 0 || d > 3650)
            {
                return false;
            }

            list.Add(d);
        }

        days = list.Distinct().OrderDescending().ToList();
        return list.Count > 0;
    }

    private static void Collect(ValidateOptionsResult result, List<string> failures)
    {
        if (result.Failed)
        {
            failures.AddRange((result.Failures ?? []).Select(ForOperators));
        }
    }

    /// <summary>
    /// The generated checks report <c>Member: message</c>, naming the setting's path in the message as
    /// <c>Connector.Queues.Events</c>; an operator sets it as <c>Connector__Queues__Events</c>.
    /// </summary>
    private static string ForOperators(string failure)
    {
        var separator = failure.IndexOf(": ", StringComparison.Ordinal);
        var member = separator > 0 ? failure[..separator] : "?";
        var message = separator > 0 ? failure[(separator + 2)..] : failure;
        var path = SettingPath().Match(message);
        if (!path.Success)
        {
            return $"Connector__{member}: {message}";
        }

        var setting = path.Value.Replace(".", "__", StringComparison.Ordinal);
        return $"{setting}: {message.Replace(path.Value, setting, StringComparison.Ordinal)}";
    }

    [GeneratedRegex(@"\bConnector(\.[A-Za-z]+)+")]
    private static partial Regex SettingPath();
}
