using System.Text.Json;
using GitLabConnector.Enrichment;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Enrichment;

public class ContentKeyTests
{
    [Fact]
    public void Same_change_from_two_hooks_has_the_same_key()
    {
        using var a = JsonDocument.Parse(PayloadFixtures.Read("merge-request.json"));
        using var b = JsonDocument.Parse(PayloadFixtures.Read("merge-request.json"));
        Assert.NotNull(ContentKey.For("merge_request", a.RootElement));
        Assert.Equal(ContentKey.For("merge_request", a.RootElement), ContentKey.For("merge_request", b.RootElement));
    }

    [Fact]
    public void A_later_update_of_the_same_object_has_another_key()
    {
        var first = """{"project":{"id":1},"object_attributes":{"id":99,"action":"update","updated_at":"2026-01-01T00:00:00Z"}}""";
        var later = """{"project":{"id":1},"object_attributes":{"id":99,"action":"update","updated_at":"2026-01-01T00:00:05Z"}}""";
        using var a = JsonDocument.Parse(first);
        using var b = JsonDocument.Parse(later);
        Assert.NotEqual(ContentKey.For("merge_request", a.RootElement), ContentKey.For("merge_request", b.RootElement));
    }

    [Fact]
    public void Push_key_uses_ref_before_and_after()
    {
        using var push = JsonDocument.Parse(PayloadFixtures.Read("push.json"));
        using var other = JsonDocument.Parse("""{"project_id":15,"ref":"refs/heads/main","before":"a","after":"b"}""");
        Assert.NotNull(ContentKey.For("push", push.RootElement));
        Assert.NotEqual(ContentKey.For("push", push.RootElement), ContentKey.For("push", other.RootElement));
    }

    [Theory]
    [InlineData(null, """{"object_attributes":{"id":1,"action":"open","updated_at":"x"}}""")]
    [InlineData("merge_request", """{"object_attributes":{"id":1,"action":"open"}}""")]
    [InlineData("merge_request", """{"something":"else"}""")]
    public void No_key_when_the_payload_lacks_what_makes_it_unique(string? kind, string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Null(ContentKey.For(kind, doc.RootElement));
    }
}
