using GitLabConnector.Hosting;

namespace GitLabConnector.Tests.Hosting;

public class ConnectorOptionsValidatorTests
{
    private readonly ConnectorOptionsValidator _validator = new();

    [Fact]
    public void Accepts_defaults()
    {
        var result = _validator.Validate(null, new ConnectorOptions());
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Names_the_bad_nested_setting()
    {
        var options = new ConnectorOptions();
        options.Queues.Events = "Bad_Name";
        options.Tokens.WarningDays = "30,x";

        var result = _validator.Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains("Connector__Queues__Events", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Connector__Tokens__WarningDays", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_each_annotation_failure_under_the_setting_an_operator_writes()
    {
        var options = new ConnectorOptions { PayloadContainer = "Bad_Container" };
        options.Queues.Alerts = null!;
        options.RateLimit.Burst = 0;

        var failures = _validator.Validate(null, options).Failures ?? [];

        Assert.Contains("Connector__PayloadContainer: must be a valid blob container name", failures);
        Assert.Contains("Connector__Queues__Alerts: The Connector__Queues__Alerts field is required.", failures);
        Assert.Contains("Connector__RateLimit__Burst: The field Connector__RateLimit__Burst must be between 1 and 1000000.", failures);
        Assert.Equal(3, failures.Count());
    }

    [Theory]
    [InlineData("30,14,7,3,1", new[] { 30, 14, 7, 3, 1 })]
    [InlineData("1, 7 ,3", new[] { 7, 3, 1 })]
    public void Parses_warning_days_largest_first(string value, int[] expected)
    {
        Assert.True(ConnectorOptionsValidator.TryParseWarningDays(value, out var days));
        Assert.Equal(expected, days);
    }

    [Theory]
    [InlineData("http://0.0.0.0:7071")]
    [InlineData("http://*:7071")]
    [InlineData("http://+:7071")]
    [InlineData("http://[::]:7071")]
    [InlineData("http://10.0.0.4:7071")]
    [InlineData("http://127.0.0.1:7071;http://0.0.0.0:8080")]
    public void Refuses_the_sample_admin_key_on_a_listener_beyond_loopback(string urls)
    {
        var options = new ConnectorOptions { Urls = urls, AdminKey = ConnectorOptionsValidator.SampleAdminKey };

        var result = _validator.Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains("Connector__AdminKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectorOptionsValidator.SampleAdminKey, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7071", "local-dev-admin-key-change-me")]
    [InlineData("http://localhost:7071", "local-dev-admin-key-change-me")]
    [InlineData("http://[::1]:7071", "local-dev-admin-key-change-me")]
    [InlineData("http://0.0.0.0:7071", "a-key-of-my-own-0123456789")]
    public void Accepts_the_sample_key_on_loopback_and_any_other_key_anywhere(string urls, string key)
    {
        var result = _validator.Validate(null, new ConnectorOptions { Urls = urls, AdminKey = key });

        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
