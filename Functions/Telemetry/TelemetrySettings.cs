using Azure.Identity;
using GitLabConnector.Configuration;
using GitLabConnector.Identity;

namespace GitLabConnector.Telemetry;

/// <summary>
/// Where telemetry goes, read from the standard settings: <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> (Azure Monitor;
/// with <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING=Authorization=AAD[;ClientId=…]</c>, as infra/ deploys it, the
/// exporter authenticates with that managed identity) and <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (OTLP). Either, both or
/// neither (then only the console).
/// </summary>
public sealed record TelemetrySettings(string? AppInsightsConnectionString, string? AppInsightsAuthentication, bool UsesOtlp)
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public bool UsesAzureMonitor => !string.IsNullOrWhiteSpace(AppInsightsConnectionString);

    public bool IsExported => UsesAzureMonitor || UsesOtlp;

    /// <summary>True when the authentication string asks for Entra (AAD) authentication.</summary>
    public bool UsesEntraAuthentication => AuthenticationPart("Authorization") is { } value && value.Equals("AAD", StringComparison.OrdinalIgnoreCase);

    public static TelemetrySettings From(IConfiguration configuration) => new(
        NullIfBlank(configuration[SettingNames.AppInsightsConnectionString]),
        NullIfBlank(configuration[SettingNames.AppInsightsAuthenticationString]),
        Uri.TryCreate(configuration[OtlpEndpointSetting], UriKind.Absolute, out _));

    /// <summary>
    /// The exporter's credential when Entra authentication is asked for: the identity named by <c>ClientId=</c>, else the
    /// app's one credential for storage and Key Vault (<see cref="ConnectorCredential"/>); null otherwise.
    /// </summary>
    public TokenCredential? CreateCredential(IConfiguration configuration) =>
        !UsesEntraAuthentication ? null
        : AuthenticationPart("ClientId") is { Length: > 0 } clientId ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
        : ConnectorCredential.Create(configuration);

    private string? AuthenticationPart(string key) =>
        (AppInsightsAuthentication ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2 && pair[0].Equals(key, StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair[1])
            .FirstOrDefault();

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
