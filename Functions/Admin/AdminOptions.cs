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

    /// <summary>Base of webhook URLs handed to users; defaults to <see cref="Urls"/>.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Admin key for standalone mode; absent means the admin API is disabled.</summary>
    public string? AdminKey { get; set; }

    /// <summary>How long the previous webhook secret stays valid after a rotation.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);
}
