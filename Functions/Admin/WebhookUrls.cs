using GitLabConnector.Configuration;

namespace GitLabConnector.Admin;

/// <summary>Builds the URL GitLab delivers to: <c>{PublicBaseUrl}/api/webhooks/gitlab/{id}</c> (base defaults to the first of <c>Connector:Urls</c>).</summary>
public sealed class WebhookUrls(IOptions<AdminOptions> options)
{
    public Uri For(string connectionId)
    {
        var o = options.Value;
        var baseUrl = o.PublicBaseUrl?.ToString()
            ?? o.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? HostingMode.DefaultUrls;
        return new Uri($"{baseUrl.TrimEnd('/')}/api/webhooks/gitlab/{Uri.EscapeDataString(connectionId)}", UriKind.Absolute);
    }
}
