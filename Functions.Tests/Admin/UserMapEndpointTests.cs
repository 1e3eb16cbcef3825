using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GitLabConnector.Admin;
using GitLabConnector.Connections;
using NSubstitute;

namespace GitLabConnector.Tests.Admin;

public sealed class UserMapEndpointTests
{
    [Fact]
    public async Task Good_csv_with_header_replaces_the_map()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;

        var response = await host.Client.PutAsync($"/api/connections/{id}/user-map", new StringContent("gitlabUserId,email\r\n7,alice@example.com\r\n\r\n8, \"bob@example.com\"\n", Encoding.UTF8, "text/csv"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("count").GetInt32());
        await host.UserMap.Received(1).ReplaceAsync(
            id,
            Arg.Is<IReadOnlyDictionary<long, string>>(m => m.Count == 2 && m[7] == "alice@example.com" && m[8] == "bob@example.com"),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Bad_rows_are_all_reported_with_line_numbers_and_nothing_is_stored()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;

        var response = await host.Client.PutAsync($"/api/connections/{id}/user-map", new StringContent("7,alice@example.com\nx,bob@example.com\n9,not-an-email\n7,again@example.com\n10,a@b.c,extra\n", Encoding.UTF8, "text/csv"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors").GetProperty("csv").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(4, errors.Count);
        Assert.StartsWith("line 2:", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3:", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("line 4:", errors[2], StringComparison.Ordinal);
        Assert.Contains("line 1", errors[2], StringComparison.Ordinal);
        Assert.StartsWith("line 5:", errors[3], StringComparison.Ordinal);
        await host.UserMap.DidNotReceiveWithAnyArgs().ReplaceAsync(default!, default!, default);
    }

    [Fact]
    public async Task Json_body_is_415()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var id = (await host.ConnectAsync()).GetProperty("id").GetString()!;

        var response = await host.Client.PutAsJsonAsync($"/api/connections/{id}/user-map", new { a = 1 });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public void Parser_treats_a_first_line_without_numbers_or_at_sign_as_header_only()
    {
        Assert.True(UserMapCsv.Parse("id,mail\n1,a@example.com").IsValid);
        Assert.False(UserMapCsv.Parse("1,a@example.com\nid,mail").IsValid);
        Assert.Empty(UserMapCsv.Parse("gitlabUserId,email\n").Emails);
    }
}
