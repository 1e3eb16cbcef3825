using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using NSubstitute;

namespace GitLabConnector.Tests.Enrichment;

public sealed class UserDirectoryTests
{
    [Fact]
    public async Task Looks_a_user_up_once_per_connection_until_the_ttl_passes()
    {
        var harness = new EnrichmentHarness(new EnrichmentOptions { UserCacheTtl = TimeSpan.FromMinutes(10) });
        harness.GitLab.GetUserAsync(Arg.Any<GitLabConnection>(), 7, Arg.Any<CancellationToken>())
            .Returns(EnrichmentHarness.Json("""{ "id": 7, "username": "seven", "name": "Seven" }"""));
        var other = EnrichmentHarness.Connection with { ConnectionId = "conn-2" };

        await harness.Users.GetAsync(EnrichmentHarness.Connection, 7, CancellationToken.None);
        await harness.Users.GetAsync(EnrichmentHarness.Connection, 7, CancellationToken.None);
        await harness.Users.GetAsync(other, 7, CancellationToken.None);
        harness.Time.Advance(TimeSpan.FromMinutes(11));
        var user = await harness.Users.GetAsync(EnrichmentHarness.Connection, 7, CancellationToken.None);

        Assert.Equal(new EnrichedUser(7, "seven", "Seven", null), user);
        await harness.GitLab.Received(3).GetUserAsync(Arg.Any<GitLabConnection>(), 7, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Payload_users_are_remembered_without_a_lookup()
    {
        var harness = new EnrichmentHarness();

        await harness.Users.FromPayloadAsync("conn-1", EnrichmentHarness.Json("""{ "id": 9, "username": "nine", "name": "Nine", "email": "[REDACTED]" }"""), CancellationToken.None);
        var user = await harness.Users.GetAsync(EnrichmentHarness.Connection, 9, CancellationToken.None);

        Assert.Equal(new EnrichedUser(9, "nine", "Nine", null), user);
        Assert.Equal(0, harness.GitLabCalls);
    }

    [Fact]
    public async Task Hidden_email_comes_from_the_admin_map_and_a_visible_one_is_kept()
    {
        var harness = new EnrichmentHarness();
        harness.EmailMap.Emails[9] = "nine@corp.example";
        harness.EmailMap.Emails[10] = "ten@corp.example";

        var hidden = await harness.Users.FromPayloadAsync("conn-1", EnrichmentHarness.Json("""{ "id": 9, "username": "nine", "email": "[REDACTED]" }"""), CancellationToken.None);
        var visible = await harness.Users.FromPayloadAsync("conn-1", EnrichmentHarness.Json("""{ "id": 10, "username": "ten", "email": "ten@example.com" }"""), CancellationToken.None);

        Assert.Equal("nine@corp.example", hidden?.Email);
        Assert.Equal("ten@example.com", visible?.Email);
    }

    [Fact]
    public async Task Gone_user_resolves_to_its_id_and_makes_the_record_partial()
    {
        var harness = new EnrichmentHarness();
        harness.GitLab.GetUserAsync(EnrichmentHarness.Connection, 404, Arg.Any<CancellationToken>())
            .Returns<Task<System.Text.Json.JsonElement>>(_ => throw new GitLabApiException(404, "404 User Not Found"));
        var scope = new EnrichmentScope(EnrichmentHarness.Json("{}"), EnrichmentHarness.Connection, null, null);

        var user = await harness.Users.ResolveAsync(scope, 404, CancellationToken.None);

        Assert.Equal(new EnrichedUser(404, null, null, null), user);
        Assert.Equal(new EnrichmentError("users/404", 404, "not found or not visible to the token"), Assert.Single(scope.Errors));
    }
}
