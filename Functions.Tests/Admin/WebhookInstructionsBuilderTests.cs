using GitLabConnector.Admin;
using GitLabConnector.Connections;

namespace GitLabConnector.Tests.Admin;

public sealed class WebhookInstructionsBuilderTests
{
    private static readonly ConnectionRecord Connection = new() { Id = "c1", Name = "n", GitLabUrl = new Uri("https://gitlab.example.com") };

    [Fact]
    public void An_https_webhook_url_asks_to_keep_ssl_verification_on()
    {
        var instructions = WebhookInstructionsBuilder.Build(Connection, new Uri("https://connector.example.com/api/webhooks/c1"), "secret", null);

        Assert.Contains(instructions.Steps, s => s.Contains("Enable SSL verification", StringComparison.Ordinal));
    }

    [Fact]
    public void A_plain_http_webhook_url_does_not_mention_ssl_verification()
    {
        var instructions = WebhookInstructionsBuilder.Build(Connection, new Uri("http://127.0.0.1:7071/api/webhooks/c1"), "secret", null);

        Assert.DoesNotContain(instructions.Steps, s => s.Contains("SSL", StringComparison.Ordinal));
        Assert.Contains(instructions.Steps, s => s.StartsWith("URL: http://127.0.0.1:7071/", StringComparison.Ordinal));
    }
}
