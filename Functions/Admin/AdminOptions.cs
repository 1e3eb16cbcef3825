using GitLabConnector.Configuration;

namespace GitLabConnector.Admin;

/// <summary>Settings under <c>Connector</c> the admin API reads.</summary>
public sealed class AdminOptions
{
    public const string Section = "Connector";

    /// <summary>The admin key shipped in <c>local.settings.sample.json</c>: fine on loopback, public knowledge anywhere else.</summary>
    public const string SampleAdminKey = "local-dev-admin-key-change-me";

    /// <summary>Standalone listen address; the base of webhook URLs unless <see cref="PublicBaseUrl"/> is set.</summary>
    public string Urls { get; set; } = HostingMode.DefaultUrls;

    public Uri? PublicBaseUrl { get; set; }

    public string? AdminKey { get; set; }

    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);
}
