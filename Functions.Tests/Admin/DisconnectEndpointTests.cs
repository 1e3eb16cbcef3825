using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitLabConnector.Tests.Admin;

public sealed class DisconnectEndpointTests
{
    private static async Task<(AdminApiHost Host, string Id)> ConnectedWithHooksAsync()
    {
        var host = await new AdminApiHost().StartAsync();
        host.GitLab.CreateHookAsync(Arg.Any<GitLabConnection>(), Arg.Any<GitLabHookOwner>(), Arg.Any<long>(), Arg.Any<GitLabHookRequest>(), Arg.Any<CancellationToken>())
            .Returns(c => new GitLabHook(c.ArgAt<long>(2) * 10, new Uri("https://x")));
        var body = await host.ConnectAsync(new { name = "D", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken, createHooks = new { projects = new[] { 11, 12 } } });
        return (host, body.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task Disconnect_deletes_hooks_secrets_and_marks_disconnected_so_ingestion_sees_it_at_once()
    {
        var (host, id) = await ConnectedWithHooksAsync();
        await using var _ = host;
        var cache = host.Services.GetRequiredService<ConnectionCache>();
        Assert.Equal(ConnectionStatus.Active, (await cache.GetAsync(id, CancellationToken.None))!.Status);
        host.GitLab.DeleteHookAsync(Arg.Any<GitLabConnection>(), GitLabHookOwner.Project, 12, 120, Arg.Any<CancellationToken>())
            .ThrowsAsync(new GitLabApiException(404, "gone"));

        var response = await host.Client.DeleteAsync($"/api/connections/{id}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("hooksDeleted").GetArrayLength());
        Assert.Equal(0, body.GetProperty("hooksNotDeleted").GetArrayLength());
        await host.GitLab.Received(1).DeleteHookAsync(Arg.Any<GitLabConnection>(), GitLabHookOwner.Project, 11, 110, Arg.Any<CancellationToken>());
        Assert.Equal(ConnectionStatus.Disconnected, host.Store[id]!.Status);
        Assert.Empty(host.Store[id]!.Hooks);
        Assert.Equal([SecretNames.CaCertificate(id), SecretNames.Token(id), SecretNames.WebhookSecret(id), SecretNames.SigningSecret(id)], host.Secrets.Deleted);
        Assert.Equal(ConnectionStatus.Disconnected, (await cache.GetAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Unreachable_gitlab_still_disconnects_and_reports_hooks_left_behind()
    {
        var (host, id) = await ConnectedWithHooksAsync();
        await using var _ = host;
        host.GitLab.DeleteHookAsync(Arg.Any<GitLabConnection>(), Arg.Any<GitLabHookOwner>(), Arg.Any<long>(), Arg.Any<long>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new GitLabApiException(0, "unreachable"));

        var body = await (await host.Client.DeleteAsync($"/api/connections/{id}")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("disconnected", body.GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("hooksNotDeleted").GetArrayLength());
        Assert.Equal(ConnectionStatus.Disconnected, host.Store[id]!.Status);
        Assert.Equal(2, host.Store[id]!.Hooks.Count);
    }

    [Fact]
    public async Task A_disconnected_connection_is_shown_by_get_and_refuses_mutations_with_409()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;
        await host.Client.DeleteAsync($"/api/connections/{id}");

        var get = await host.Client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}");
        Assert.Equal("disconnected", get.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.DeleteAsync($"/api/connections/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.PostAsync($"/api/connections/{id}/webhook-secret/rotate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.PutAsJsonAsync($"/api/connections/{id}/token", new { token = "glpat-x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.GetAsync($"/api/connections/{id}/instructions")).StatusCode);
    }
}
