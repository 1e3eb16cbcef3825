using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabConnector.Connections;
using GitLabConnector.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NSubstitute;

namespace GitLabConnector.Tests.Admin;

public sealed class ConnectionQueryTests
{
    [Fact]
    public async Task Get_shows_health_parked_count_and_token_status_but_no_secret_or_token()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var created = await host.ConnectAsync();
        var id = created.GetProperty("id").GetString()!;
        host.Parked.CountAsync(id, Arg.Any<CancellationToken>()).Returns(4);
        host.TokenStatus.GetAsync(id, Arg.Any<CancellationToken>()).Returns(new TokenStatus { ConnectionId = id, State = TokenStates.Expiring, DaysLeft = 6 });

        var raw = await host.Client.GetStringAsync($"/api/connections/{id}");
        var body = JsonDocument.Parse(raw).RootElement;

        Assert.Equal("active", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("healthy").GetBoolean());
        Assert.Equal(4, body.GetProperty("parkedEvents").GetInt32());
        Assert.Equal("expiring", body.GetProperty("tokenStatus").GetProperty("state").GetString());
        Assert.DoesNotContain(created.GetProperty("webhookSecret").GetString()!, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminApiHost.GitLabToken, raw, StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("webhookSecret", out _));
    }

    [Theory]
    [InlineData(TokenStates.Invalid)]
    [InlineData(TokenStates.Revoked)]
    [InlineData(TokenStates.Expired)]
    public async Task A_connection_whose_token_no_longer_authenticates_reads_unhealthy_with_the_reason(string state)
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;
        host.TokenStatus.GetAsync(id, Arg.Any<CancellationToken>()).Returns(new TokenStatus { ConnectionId = id, State = state });

        var body = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/connections/{id}")).RootElement;

        Assert.False(body.GetProperty("healthy").GetBoolean());
        Assert.Contains(state, body.GetProperty("healthReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_works_without_token_status_or_parked_events_registered()
    {
        var host = new AdminApiHost
        {
            ConfigureServices = s =>
            {
                s.RemoveAll<ITokenStatusStore>();
                s.RemoveAll<GitLabConnector.Enrichment.IParkedEvents>();
            },
        };
        await using var _ = await host.StartAsync();
        await host.ConnectAsync();

        var body = await host.Client.GetFromJsonAsync<JsonElement>("/api/connections");

        var connection = body.GetProperty("connections").EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, connection.GetProperty("parkedEvents").ValueKind);
        Assert.Equal(JsonValueKind.Null, connection.GetProperty("tokenStatus").ValueKind);
    }

    [Fact]
    public async Task Instructions_return_the_current_secret_again()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var created = await host.ConnectAsync();
        var id = created.GetProperty("id").GetString()!;

        var body = await host.Client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}/instructions");

        Assert.Equal(created.GetProperty("webhookSecret").GetString(), body.GetProperty("secretToken").GetString());
        Assert.Equal(created.GetProperty("webhookUrl").GetString(), body.GetProperty("webhookUrl").GetString());
        Assert.Contains("Push events", body.GetProperty("triggerBoxes").EnumerateArray().Select(b => b.GetString()));
    }

    [Fact]
    public async Task Unknown_id_is_a_404_problem()
    {
        await using var host = await new AdminApiHost().StartAsync();

        var response = await host.Client.GetAsync("/api/connections/unknown-id");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown-connection", problem.GetProperty("reason").GetString());
    }
}
