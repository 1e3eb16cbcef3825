using GitLabConnector.Connections;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>
/// One app for the whole hostile-input suite: its own events queue, every log line captured at Trace, a token connection
/// and a connection with a signing secret (signature mode accept).
/// </summary>
public sealed class HostileInputHost(AzuriteFixture azurite) : IAsyncLifetime
{
    public AzuriteFixture Azurite => azurite;

    public InMemoryLoggerProvider Logs { get; } = new();

    public string Queue { get; } = AzuriteFixture.NewQueueName("hostile");

    public ConnectorAppHost Host { get; private set; } = null!;

    public TestConnections.Created TokenConnection { get; private set; } = null!;

    public TestConnections.Created SignedConnection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ConnectorAppHost.StartAsync(
            azurite,
            [new("Connector:Queues:Events", Queue), new("Logging:LogLevel:Default", "Trace"), new("Logging:LogLevel:Microsoft.AspNetCore", "Trace"), new("Logging:LogLevel:System.Net.Http.HttpClient", "Trace")],
            services => services.AddLogging(b => b.AddProvider(Logs)));
        TokenConnection = await TestConnections.CreateAsync(Host);
        SignedConnection = await TestConnections.CreateAsync(Host, signing: SigningMode.Accept);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HttpRequestMessage Build(HostileCase hostile)
    {
        ArgumentNullException.ThrowIfNull(hostile);
        var connection = hostile.Signed ? SignedConnection : TokenConnection;
        var path = hostile.Path.Replace("{id}", connection.Id, StringComparison.Ordinal).Replace("{ID}", connection.Id.ToUpperInvariant(), StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(hostile.Method), path);
        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            if (hostile.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
            }
        }

        if (hostile.Event is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Gitlab-Event", hostile.Event);
        }

        if (hostile.WithToken)
        {
            request.Headers.TryAddWithoutValidation("X-Gitlab-Token", Expand(hostile.Token ?? "{secret}", connection));
        }

        foreach (var (name, value) in hostile.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, Expand(value, connection));
        }

        return request;
    }

    private static string Expand(string value, TestConnections.Created connection) => value
        .Replace("{secret-prefix}", connection.WebhookSecret[..8], StringComparison.Ordinal)
        .Replace("{secret}", connection.WebhookSecret, StringComparison.Ordinal)
        .Replace("{now}", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
