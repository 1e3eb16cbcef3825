using System.Text.Json;
using GitLabConnector.Hosting.Standalone;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace GitLabConnector.Tests.Admin;

public sealed class AdminOpenApiTests
{
    [Fact]
    public async Task Standalone_mode_serves_an_openapi_document_listing_every_admin_route()
    {
        await using var app = StandaloneApplication.Build([], b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration["Connector:AdminKey"] = "k";

            // Storage stand-ins: the document is all this test reads.
            b.Services.AddSingleton(Substitute.For<IQueueService>());
            b.Services.AddSingleton(Substitute.For<Azure.Data.Tables.TableServiceClient>());
            b.Services.AddSingleton(Substitute.For<IBlobService>());
            b.Services.AddSingleton(Substitute.For<ILeaseStore>());
            b.Services.AddSingleton(Substitute.For<ISecretStore>());
        });
        await app.StartAsync();
        using var client = app.GetTestClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var route in new[]
        {
            "/api/connections", "/api/connections/{id}", "/api/connections/{id}/instructions", "/api/connections/{id}/test",
            "/api/connections/{id}/token", "/api/connections/{id}/ca-certificate", "/api/connections/{id}/webhook-secret/rotate", "/api/connections/{id}/user-map",
            "/api/connections/{id}/projects", "/api/connections/{id}/projects/{projectId}/hook", "/api/connections/{id}/sync", "/api/connections/{id}/sync/{syncId}",
            "/api/deadletter", "/api/deadletter/replay",
        })
        {
            Assert.Contains(route, paths);
        }

        await app.StopAsync();
    }
}
