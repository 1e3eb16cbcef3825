using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitLabConnector.Tests.Admin;

public sealed class ConcurrencyAndDeadLetterTests
{
    private static readonly ConnectionRecord Record = new()
    {
        Id = "abc123",
        Name = "A",
        GitLabUrl = AdminApiHost.GitLabUrl,
        WebhookSecretVersion = "v1",
        ETag = "e1",
    };

    private static async Task<(AdminApiHost Host, IConnectionStore Store)> HostWithStoreAsync()
    {
        var store = Substitute.For<IConnectionStore>();
        store.GetAsync("abc123", Arg.Any<CancellationToken>()).Returns(Record);
        var host = new AdminApiHost { ConfigureServices = s => s.AddSingleton(store) };
        await host.StartAsync();
        return (host, store);
    }

    [Fact]
    public async Task A_concurrent_change_is_retried_once_on_a_fresh_read()
    {
        var (host, store) = await HostWithStoreAsync();
        await using var _ = host;
        store.UpdateAsync(Arg.Any<ConnectionRecord>(), Arg.Any<CancellationToken>())
            .Returns(_ => throw new ConnectionConflictException("stale"), c => Task.FromResult(c.Arg<ConnectionRecord>()));

        var response = await host.Client.PostAsync("/api/connections/abc123/webhook-secret/rotate", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await store.Received(2).UpdateAsync(Arg.Any<ConnectionRecord>(), Arg.Any<CancellationToken>());
        await store.Received(2).GetAsync("abc123", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_change_that_conflicts_twice_is_409()
    {
        var (host, store) = await HostWithStoreAsync();
        await using var _ = host;
        store.UpdateAsync(Arg.Any<ConnectionRecord>(), Arg.Any<CancellationToken>()).ThrowsAsync(new ConnectionConflictException("stale"));

        var response = await host.Client.PostAsync("/api/connections/abc123/webhook-secret/rotate", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Dead_letters_are_listed_per_connection()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.DeadLetters.ListAsync("abc123", 100, Arg.Any<CancellationToken>())
            .Returns([new DeadLetter("m1", "e1", "abc123", "Push Hook", null, "GitLab answered 500")]);

        var body = await host.Client.GetFromJsonAsync<JsonElement>("/api/deadletter?connectionId=abc123");

        var item = body.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("GitLab answered 500", item.GetProperty("failureReason").GetString());
    }

    [Fact]
    public async Task Replay_moves_one_connections_dead_letters_or_all_without_a_body()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.DeadLetters.ReplayAsync("abc123", Arg.Any<CancellationToken>()).Returns(2);
        host.DeadLetters.ReplayAsync(null, Arg.Any<CancellationToken>()).Returns(5);

        var one = await (await host.Client.PostAsJsonAsync("/api/deadletter/replay", new { connectionId = "abc123" })).Content.ReadFromJsonAsync<JsonElement>();
        var all = await (await host.Client.PostAsync("/api/deadletter/replay", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(2, one.GetProperty("replayed").GetInt32());
        Assert.Equal(5, all.GetProperty("replayed").GetInt32());
    }
}
