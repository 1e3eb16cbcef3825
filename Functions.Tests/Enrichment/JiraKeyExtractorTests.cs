using GitLabConnector.Enrichment;

namespace GitLabConnector.Tests.Enrichment;

public sealed class JiraKeyExtractorTests
{
    [Theory]
    [InlineData("feature/ABC-123-login", "ABC-123")]
    [InlineData("ABC-123: fix it", "ABC-123")]
    [InlineData("[PROJ2-7] done", "PROJ2-7")]
    [InlineData("fixes (AB-1)", "AB-1")]
    [InlineData("ABC-123_fix", "ABC-123")]
    public void Finds_keys(string text, string expected) =>
        Assert.Equal([expected], JiraKeyExtractor.Extract([text]));

    [Theory]
    [InlineData("A-1")]
    [InlineData("abc-123")]
    [InlineData("xABC-123")]
    [InlineData("ABC-123x")]
    [InlineData("1ABC-2")]
    [InlineData("ABC-")]
    [InlineData("encode as UTF-8 not ISO-8859")]
    [InlineData("hash with SHA-256, see RFC-2119 and CVE-2021-44228")]
    public void Ignores_non_keys(string text) =>
        Assert.Empty(JiraKeyExtractor.Extract([text]));

    [Fact]
    public void Keys_are_distinct_and_in_order_of_appearance_across_texts()
    {
        var keys = JiraKeyExtractor.Extract(["feature/ZED-9", null, "ABC-1 and ZED-9", "", "ABC-1, DEF-22"]);

        Assert.Equal(["ZED-9", "ABC-1", "DEF-22"], keys);
    }
}
