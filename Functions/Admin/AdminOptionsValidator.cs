using GitLabConnector.Configuration;

namespace GitLabConnector.Admin;

internal sealed class AdminOptionsValidator() : SettingsValidator<AdminOptions>(AdminOptions.Section)
{
    protected override void Check(AdminOptions options, List<string> failures)
    {
        if (!Uri.TryCreate(options.Urls, UriKind.Absolute, out _))
        {
            failures.Add("Connector__Urls: must be an absolute URL such as http://127.0.0.1:7071");
        }

        if (string.Equals(options.AdminKey, AdminOptions.SampleAdminKey, StringComparison.Ordinal) && !ListensOnLoopbackOnly(options.Urls))
        {
            failures.Add($"Connector__AdminKey: the sample key from local.settings.sample.json is refused when Connector__Urls ({options.Urls}) listens beyond loopback; set a key of your own");
        }

        if (options.PublicBaseUrl is { IsAbsoluteUri: false })
        {
            failures.Add("Connector__PublicBaseUrl: must be an absolute URL");
        }

        if (options.SecretOverlap < TimeSpan.Zero || options.SecretOverlap > TimeSpan.FromDays(30))
        {
            failures.Add("Connector__SecretOverlap: must be between 00:00:00 and 30.00:00:00");
        }
    }

    /// <summary>Whether every URL in <paramref name="urls"/> (<c>;</c>-separated, as Kestrel takes them) binds a loopback address.</summary>
    private static bool ListensOnLoopbackOnly(string? urls) =>
        !string.IsNullOrWhiteSpace(urls) && urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(url =>
        {
            // Kestrel's wildcards ("http://*:7071", "http://+:7071") bind every interface; Uri does not parse them.
            var parsable = url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
            return Uri.TryCreate(parsable, UriKind.Absolute, out var uri) && (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase) ||
                (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address)));
        });
}
