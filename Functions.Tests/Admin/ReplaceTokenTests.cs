using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitLabConnector.Tests.Admin;

public sealed class ReplaceTokenTests
{
    private const string NewToken = "glpat-new-token-0123456789abcdef";

    [Fact]
    public async Task Valid_token_is_stored_as_a_new_version_the_connection_is_healthy_again_and_parked_events_are_redriven()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;
        var unhealthy = host.Store[id]! with { Healthy = false, HealthReason = "GitLab answered 401 twice" };
        await host.Store.UpdateAsync(unhealthy, CancellationToken.None);
        host.Parked.RedriveAsync(id, Arg.Any<CancellationToken>()).Returns(3);

        var response = await host.Client.PutAsJsonAsync($"/api/connections/{id}/token", new { token = NewToken });
        var raw = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(raw).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, body.GetProperty("redriven").GetInt32());
        Assert.DoesNotContain(NewToken, raw, StringComparison.Ordinal);
        await host.GitLab.Received().GetTokenSelfAsync(Arg.Is<GitLabConnection>(c => c.Token == NewToken && c.BaseUrl == AdminApiHost.GitLabUrl), Arg.Any<CancellationToken>());
        Assert.Equal([AdminApiHost.GitLabToken, NewToken], host.Secrets.Versions(SecretNames.Token(id)).Select(v => v.Value));
        Assert.True(host.Store[id]!.Healthy);
        Assert.Null(host.Store[id]!.HealthReason);
        await host.Parked.Received(1).RedriveAsync(id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Token_that_cannot_be_a_header_value_is_400_naming_the_field_and_is_not_stored()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;

        var response = await host.Client.PutAsJsonAsync($"/api/connections/{id}/token", new { token = "glpat-…" });
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("token", out _));
        Assert.Single(host.Secrets.Versions(SecretNames.Token(id)));
    }

    [Fact]
    public async Task Refused_token_is_not_stored_and_nothing_is_redriven()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;
        host.GitLab.GetCurrentUserAsync(Arg.Is<GitLabConnection>(c => c.Token == NewToken), Arg.Any<CancellationToken>()).ThrowsAsync(new GitLabUnauthorizedException());

        var response = await host.Client.PutAsJsonAsync($"/api/connections/{id}/token", new { token = NewToken });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Single(host.Secrets.Versions(SecretNames.Token(id)));
        await host.Parked.DidNotReceiveWithAnyArgs().RedriveAsync(default!, default);
    }

    [Fact]
    public async Task Test_reports_user_scopes_expiry_and_latency_from_the_stored_token()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;

        var body = await (await host.Client.PostAsync($"/api/connections/{id}/test", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.True(body.GetProperty("reachable").GetBoolean());
        Assert.Equal("alice", body.GetProperty("token").GetProperty("user").GetProperty("username").GetString());
        Assert.Equal(new DateOnly(2027, 3, 1).DayNumber - new DateOnly(2026, 11, 22).DayNumber, body.GetProperty("daysLeft").GetInt32());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("latencyMs").ValueKind);
    }

    [Fact]
    public async Task Test_reports_a_revoked_token_as_not_ok_rather_than_failing()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;
        host.GitLab.GetCurrentUserAsync(Arg.Any<GitLabConnection>(), Arg.Any<CancellationToken>()).ThrowsAsync(new GitLabUnauthorizedException());

        var response = await host.Client.PostAsync($"/api/connections/{id}/test", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.True(body.GetProperty("reachable").GetBoolean());
    }
}
