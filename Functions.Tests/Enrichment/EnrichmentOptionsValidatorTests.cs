using GitLabConnector.Enrichment;

namespace GitLabConnector.Tests.Enrichment;

public class EnrichmentOptionsValidatorTests
{
    private readonly EnrichmentOptionsValidator _validator = new();

    [Fact]
    public void Accepts_defaults()
    {
        var result = _validator.Validate(null, new EnrichmentOptions());
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Rejects_out_of_range_settings_by_name()
    {
        var options = new EnrichmentOptions { ClaimLease = TimeSpan.FromSeconds(1), CommitStatsParallelism = 17 };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("ClaimLease", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("CommitStatsParallelism", result.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(2, result.Failures!.Count());
    }
}
