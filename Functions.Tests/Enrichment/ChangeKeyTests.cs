using System.Text.Json;
using GitLabConnector.Enrichment;

namespace GitLabConnector.Tests.Enrichment;

public class ChangeKeyTests
{
    [Theory]
    [InlineData("2013-12-03 17:23:34 UTC", "2013-12-03T17:23:34.512Z")]
    [InlineData("2013-12-03T18:23:34+01:00", "2013-12-03T17:23:34Z")]
    [InlineData("2013-12-03T17:23:34Z", "2013-12-03T17:23:34.000Z")]
    public void A_payload_and_an_api_item_with_one_updated_at_written_differently_are_one_change(string payload, string api)
    {
        Assert.Equal(Key("merge_request", 99, payload), Key("merge_request", 99, api));
    }

    [Fact]
    public void Another_update_another_object_or_another_kind_is_another_change()
    {
        var key = Key("issue", 5, "2026-01-01T00:00:00Z");
        Assert.NotEqual(key, Key("issue", 5, "2026-01-01T00:00:01Z"));
        Assert.NotEqual(key, Key("issue", 6, "2026-01-01T00:00:00Z"));
        Assert.NotEqual(key, Key("merge_request", 5, "2026-01-01T00:00:00Z"));
    }

    [Fact]
    public void A_pipeline_is_identified_by_its_status_and_a_commit_in_a_push_like_a_synced_commit()
    {
        Assert.NotEqual(Keys("pipeline", """{"project":{"id":1},"object_attributes":{"id":31,"status":"running"}}"""), Keys("pipeline", """{"project":{"id":1},"object_attributes":{"id":31,"status":"success"}}"""));

        var push = Keys("push", """{"project":{"id":15},"commits":[{"id":"aaa"},{"id":"bbb"},{"id":"aaa"}]}""");
        Assert.Equal(2, push.Count);
        Assert.Equal(Keys("commit", """{"project":{"id":15},"object_attributes":{"id":"bbb"}}"""), [push[1]]);
    }

    [Theory]
    [InlineData("merge_request", """{"object_attributes":{"id":1,"updated_at":"2026-01-01T00:00:00Z"}}""")]
    [InlineData("merge_request", """{"project":{"id":1},"object_attributes":{"id":1}}""")]
    [InlineData("note", """{"project":{"id":1},"object_attributes":{"id":1,"updated_at":"2026-01-01T00:00:00Z"}}""")]
    public void Nothing_identifies_a_change_without_project_version_or_a_known_kind(string kind, string json)
    {
        Assert.Empty(Keys(kind, json));
    }

    private static string Key(string kind, long id, string updatedAt) =>
        Assert.Single(Keys(kind, $$$"""{"project":{"id":1},"object_attributes":{"id":{{{id}}},"updated_at":"{{{updatedAt}}}"}}"""));

    private static IReadOnlyList<string> Keys(string kind, string json)
    {
        using var document = JsonDocument.Parse(json);
        return ChangeKey.For(kind, document.RootElement);
    }
}
