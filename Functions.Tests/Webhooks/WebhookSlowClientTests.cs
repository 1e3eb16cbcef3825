using GitLabConnector.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>A client too slow to send its body, or gone before it has, is logged at Information with the reason — not as an unhandled Error.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookSlowClientTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_body_that_arrives_too_slowly_is_408_logged_at_information()
    {
        using var logs = new InMemoryLoggerProvider();
        await using var host = await ConnectorAppHost.StartAsync(azurite, [new("Logging:LogLevel:Default", "Information")], s => s.AddSingleton<ILoggerProvider>(logs));
        var connection = await TestConnections.CreateAsync(host);
        var context = IngestionCall.Request(host, new FailingBody(new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", StatusCodes.Status408RequestTimeout)), 1000,
            ("X-Gitlab-Token", connection.WebhookSecret));

        var (status, _) = await IngestionCall.SendAsync(host, context, connection.Id);

        Assert.Equal(StatusCodes.Status408RequestTimeout, status);
        var line = Assert.Single(logs.Entries, e => e.EventId.Id == 2011);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("too slowly", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_body_is_logged_at_information()
    {
        using var logs = new InMemoryLoggerProvider();
        await using var host = await ConnectorAppHost.StartAsync(azurite, [new("Logging:LogLevel:Default", "Information")], s => s.AddSingleton<ILoggerProvider>(logs));
        var connection = await TestConnections.CreateAsync(host);
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var context = IngestionCall.Request(host, new FailingBody(new OperationCanceledException(aborted.Token)), 1000, ("X-Gitlab-Token", connection.WebhookSecret));
        context.RequestAborted = aborted.Token;

        await host.Get<GitLabConnector.Webhooks.WebhookIngestion>().HandleAsync(context.Request, connection.Id);

        Assert.Equal(LogLevel.Information, Assert.Single(logs.Entries, e => e.EventId.Id == 2011).Level);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    private sealed class FailingBody(Exception failure) : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw failure;
    }
}
