using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GitLabConnector.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Storage;

public sealed class EntraAuthenticationTests
{
    private sealed class StubCredential : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.Add(requestContext.Scopes);
            }

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
            var answer = request.Method == HttpMethod.Delete ? HttpStatusCode.Accepted : status;
            return Task.FromResult(new HttpResponseMessage(answer) { RequestMessage = request });
        }
    }

    private static IConfiguration IdentitySettings() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:accountName"] = "acme",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        })
        .Build();

    private static ServiceProvider Services(StubCredential credential, RecordingHandler handler)
    {
        var transport = new HttpClientTransport(handler);
        var configuration = IdentitySettings();
        var account = StorageAccount.FromConfiguration(configuration);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TokenCredential>(credential);
        services.AddSingleton(account.CreateQueueServiceClient(credential, StorageClientDefaults.Apply(new QueueClientOptions { Transport = transport }, configuration)));
        services.AddSingleton(account.CreateTableServiceClient(credential, StorageClientDefaults.Apply(new TableClientOptions { Transport = transport }, configuration)));
        services.AddSingleton(account.CreateBlobServiceClient(credential, StorageClientDefaults.Apply(new BlobClientOptions { Transport = transport }, configuration)));
        services.AddStorage(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Queue_requests_carry_a_bearer_token_for_the_storage_scope_and_no_SharedKey()
    {
        var credential = new StubCredential();
        var handler = new RecordingHandler(HttpStatusCode.Created);
        using var services = Services(credential, handler);

        await services.GetRequiredService<IQueueService>().CreateQueueIfNotExistsAsync("events", CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer stub-token", request.Headers.Authorization?.ToString());
        Assert.Equal(new Uri("https://acme.queue.core.windows.net/events"), request.RequestUri);
        Assert.Equal(["https://storage.azure.com/.default"], Assert.Single(credential.Scopes));
    }

    [Fact]
    public async Task Table_and_blob_requests_also_use_the_bearer_token()
    {
        var handler = new RecordingHandler(HttpStatusCode.NoContent);
        using var services = Services(new StubCredential(), handler);

        await services.GetRequiredService<TableServiceClient>().GetTableClient("leases").CreateIfNotExistsAsync(CancellationToken.None);
        await services.GetRequiredService<IBlobService>().DeleteAsync("payloads", "b", CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("Bearer stub-token", r.Headers.Authorization?.ToString()));
    }

    [Fact]
    public void AddStorage_builds_the_clients_with_the_shared_credential_choice()
    {
        var credential = new StubCredential();
        var services = new ServiceCollection();
        services.AddSingleton<TokenCredential>(credential);
        using var provider = services.AddStorage(IdentitySettings()).BuildServiceProvider();

        Assert.Same(credential, provider.GetRequiredService<TokenCredential>());
        Assert.Equal(new Uri("https://acme.queue.core.windows.net/"), provider.GetRequiredService<QueueServiceClient>().Uri);
    }
}
