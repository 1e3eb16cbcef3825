using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using GitLabConnector.Storage;
using Microsoft.Extensions.Configuration;

namespace GitLabConnector.Tests.Storage;

public sealed class EntraAuthenticationTests
{
    private sealed class StubCredential : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);
            return new AccessToken("stub-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    private sealed class RecordingHandler(HttpStatusCode status) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request });
        }
    }

    private static (StorageClientOptions Options, RecordingHandler Handler, StubCredential Credential) Setup(HttpStatusCode status)
    {
        var handler = new RecordingHandler(status);
        var credential = new StubCredential();
        var options = new StorageClientOptions { Credential = credential, Transport = new HttpClientTransport(handler) };
        return (options, handler, credential);
    }

    private static StorageConnection IdentityConnection() => StorageConnection.FromTokenCredential(
        new StubCredential(),
        new Uri("https://acme.blob.core.windows.net"),
        new Uri("https://acme.queue.core.windows.net"),
        new Uri("https://acme.table.core.windows.net"));

    [Fact]
    public async Task Queue_requests_carry_a_bearer_token_for_the_storage_scope_and_no_SharedKey()
    {
        var (options, handler, credential) = Setup(HttpStatusCode.Created);

        await new QueueService(IdentityConnection(), options).CreateQueueIfNotExistsAsync("events", CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
        Assert.Equal("stub-token", request.Headers.Authorization?.Parameter);
        Assert.Equal(new Uri("https://acme.queue.core.windows.net/events"), request.RequestUri);
        Assert.Equal(["https://storage.azure.com/.default"], Assert.Single(credential.Scopes));
        Assert.True(request.Headers.Contains("x-ms-version"));
    }

    [Fact]
    public async Task Table_and_blob_requests_also_use_the_bearer_token()
    {
        var (tableOptions, tableHandler, _) = Setup(HttpStatusCode.NoContent);
        var (blobOptions, blobHandler, _) = Setup(HttpStatusCode.Created);

        await new TableService(IdentityConnection(), tableOptions).CreateTableIfNotExistsAsync("leases", CancellationToken.None);
        await new BlobService(IdentityConnection(), blobOptions).CreateContainerIfNotExistsAsync("payloads", CancellationToken.None);

        Assert.All(tableHandler.Requests.Concat(blobHandler.Requests), r => Assert.Equal("Bearer stub-token", r.Headers.Authorization?.ToString()));
    }

    [Fact]
    public async Task Identity_settings_from_configuration_pick_the_options_credential_over_the_default_one()
    {
        var (options, handler, credential) = Setup(HttpStatusCode.Created);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage:accountName"] = "acme" })
            .Build();

        await new QueueService(StorageConnection.FromConfiguration(configuration), options).CreateQueueIfNotExistsAsync("events", CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer stub-token", request.Headers.Authorization?.ToString());
        Assert.DoesNotContain("SharedKey", request.Headers.Authorization?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Single(credential.Scopes);
    }
}
