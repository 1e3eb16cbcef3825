using GitLabConnector.Enrichment;

namespace GitLabConnector.Tests.Enrichment;

public sealed class GitLabTimestampTests
{
    [Theory]
    [InlineData("2013-12-03T17:23:34Z", "2013-12-03T17:23:34Z")]
    [InlineData("2013-12-03 17:23:34 UTC", "2013-12-03T17:23:34Z")]
    [InlineData("2013-12-03T17:23:34.123+01:00", "2013-12-03T16:23:34.123Z")]
    [InlineData("2019-06-05T14:32:20.211Z", "2019-06-05T14:32:20.211Z")]
    [InlineData("2012-01-03T23:36:29+02:00", "2012-01-03T21:36:29Z")]
    [InlineData("2021-04-28 21:50:00 +0200", "2021-04-28T19:50:00Z")]
    [InlineData("2021-02-23T02:41:37.886Z", "2021-02-23T02:41:37.886Z")]
    [InlineData("2013-12-03 17:23:34", "2013-12-03T17:23:34Z")]
    [InlineData("2020-12-14", "2020-12-14T00:00:00Z")]
    public void Parses_gitlab_formats(string text, string expectedUtc)
    {
        Assert.True(GitLabTimestamp.TryParse(text, out var value));
        Assert.Equal(expectedUtc, GitLabTimestamp.Format(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2015-04-08T21: 00:25-07:00")]
    public void Rejects_what_is_not_a_timestamp(string? text) =>
        Assert.False(GitLabTimestamp.TryParse(text, out _));
}
