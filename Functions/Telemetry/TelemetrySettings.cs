using Azure.Core;
using Azure.Identity;
using GitLabConnector.Hosting;

namespace GitLabConnector.Telemetry;

/// <summary>
/// Which sinks are on, read from the standard settings: <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> (Application
/// Insights; with <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING=Authorization=AAD[;ClientId=…]</c> it authenticates with
/// the managed identity) and <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (OTLP, optionally <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>).
/// Both may be set; with neither the app writes structured JSON console logs only.
/// </summary>
public sealed record TelemetrySettings(string? AppInsightsConnectionString, string? AppInsightsAuthentication, Uri? OtlpEndpoint, string? OtlpProtocol)
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtlpProtocolSetting = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public bool UsesAppInsights => !string.IsNullOrWhiteSpace(AppInsightsConnectionString);

    public bool UsesOtlp => OtlpEndpoint is not null;

    public bool IsEnabled => UsesAppInsights || UsesOtlp;

    /// <summary>True when the authentication string asks for Entra (AAD) authentication.</summary>
    public bool UsesEntraAuthentication => AuthenticationPart("Authorization") is { } value && value.Equals("AAD", StringComparison.OrdinalIgnoreCase);

    public static TelemetrySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration[OtlpEndpointSetting];
        return new TelemetrySettings(
            NullIfBlank(configuration[SettingNames.AppInsightsConnectionString]),
            NullIfBlank(configuration[SettingNames.AppInsightsAuthenticationString]),
            Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : null,
            NullIfBlank(configuration[OtlpProtocolSetting]));
    }

    /// <summary>The credential for AAD ingestion: the user-assigned identity named by <c>ClientId=</c>, else the default chain.</summary>
    public TokenCredential CreateCredential() =>
        AuthenticationPart("ClientId") is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();

    private string? AuthenticationPart(string key)
    {
        foreach (var part in (AppInsightsAuthentication ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return pair[1];
            }
        }

        return null;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
