using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GitLabConnector.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Hosting;

/// <summary>
/// Every type the HTTP endpoints read or write has compile-time JSON metadata: a type that falls through to the
/// reflection resolver costs a cold instance's first request its metadata build.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HttpJsonMetadataTests(AzuriteFixture azurite)
{
    [Fact]
    // Problem answers are left out: their extension values are typed object, and for a string value System.Text.Json
    // asks the resolvers about string's interfaces, which no context describes. They are not on a cold start's path.
    public async Task Webhook_health_and_admin_answers_need_no_reflection_metadata()
    {
        var fellThrough = new ConcurrentBag<Type>();
        await using var host = await ConnectorAppHost.StartAsync(
            azurite,
            [new("Connector:Queues:Events", AzuriteFixture.NewQueueName("json"))],
            // Registered before the app's own contexts, which insert themselves in front: this records what they miss.
            s => s.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, new RecordingResolver(fellThrough))));

        var connection = await TestConnections.CreateAsync(host);
        Assert.Equal(HttpStatusCode.Accepted, (await PostPushAsync(host, connection.Id, connection.WebhookSecret)).StatusCode);
        await host.Client.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(Admin(HttpMethod.Get, "api/connections"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(Admin(HttpMethod.Get, $"api/connections/{connection.Id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(Admin(HttpMethod.Get, $"api/connections/{connection.Id}/instructions"))).StatusCode);

        Assert.Empty(fellThrough.Distinct());
    }

    private static HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", ConnectorAppHost.AdminKey);
        return request;
    }

    private static async Task<HttpResponseMessage> PostPushAsync(ConnectorAppHost host, string connectionId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/gitlab/{connectionId}") { Content = new ByteArrayContent(PayloadFixtures.Read("push.json")) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Gitlab-Event", "Push Hook");
        request.Headers.Add("X-Gitlab-Token", secret);
        return await host.Client.SendAsync(request);
    }

    private sealed class RecordingResolver(ConcurrentBag<Type> types) : IJsonTypeInfoResolver
    {

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            types.Add(type);
            return null;
        }
    }
}
