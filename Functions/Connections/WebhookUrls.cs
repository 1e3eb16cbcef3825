using GitLabConnector.Hosting;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Connections;

/// <summary>Builds the URL GitLab delivers to: <c>{PublicBaseUrl}/api/webhooks/gitlab/{id}</c> (base defaults to the first of <c>Connector:Urls</c>).</summary>
public sealed class WebhookUrls(IOptions<ConnectorOptions> options)
{
    public Uri For(string connectionId)
    {
        var o = options.Value;
        var baseUrl = o.PublicBaseUrl?.ToString()
            ?? o.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? new ConnectorOptions().Urls;
        return new Uri($"{baseUrl.TrimEnd('/')}/api/webhooks/gitlab/{Uri.EscapeDataString(connectionId)}", UriKind.Absolute);
    }
}
