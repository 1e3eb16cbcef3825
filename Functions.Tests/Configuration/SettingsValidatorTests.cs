using GitLabConnector.Admin;
using GitLabConnector.GitLab;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;
using GitLabConnector.Sync;
using GitLabConnector.Tokens;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Tests.Configuration;

public class SettingsValidatorTests
{
    private static readonly QueueOptionsValidator Queues = new();

    [Fact]
    public void Accepts_defaults()
    {
        Assert.True(Queues.Validate(null, new QueueOptions()).Succeeded);
        Assert.True(new TokenOptionsValidator().Validate(null, new TokenOptions()).Succeeded);
        Assert.True(new WebhookOptionsValidator().Validate(null, new WebhookOptions()).Succeeded);
        Assert.True(new AdminOptionsValidator().Validate(null, new AdminOptions()).Succeeded);
    }

    [Fact]
    public void Names_the_bad_nested_setting()
    {
        var queues = Queues.Validate(null, new QueueOptions { Events = "Bad_Name" });
        var tokens = new TokenOptionsValidator().Validate(null, new TokenOptions { WarningDays = "30,x" });

        Assert.Contains("Connector__Queues__Events", queues.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Connector__Tokens__WarningDays", tokens.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_each_annotation_failure_under_the_setting_an_operator_writes()
    {
        var webhooks = new WebhookOptions { PayloadContainer = "Bad_Container" };
        webhooks.RateLimit.Burst = 0;

        var failures = (new WebhookOptionsValidator().Validate(null, webhooks).Failures ?? [])
            .Concat(Queues.Validate(null, new QueueOptions { Alerts = null! }).Failures ?? []);

        Assert.Contains("Connector__PayloadContainer: must be a valid blob container name", failures);
        Assert.Contains("Connector__Queues__Alerts: The Connector__Queues__Alerts field is required.", failures);
        Assert.Contains("Connector__RateLimit__Burst: The field Connector__RateLimit__Burst must be between 1 and 1000000.", failures);
        Assert.Equal(3, failures.Count());
    }

    [Fact]
    public void Reports_time_span_bounds_under_the_setting_an_operator_writes()
    {
        var gitLab = new GitLabApiOptionsValidator();

        Assert.Contains("Connector__Queues__VisibilityTimeout: The field Connector__Queues__VisibilityTimeout must be between 00:00:01 and 7.00:00:00.", Queues.Validate(null, new QueueOptions { VisibilityTimeout = TimeSpan.Zero }).Failures ?? []);
        Assert.Contains("Connector__GitLab__RateWindow: The field Connector__GitLab__RateWindow must be between 00:00:01 and 01:00:00.", gitLab.Validate(null, new GitLabApiOptions { RateWindow = TimeSpan.FromHours(2) }).Failures ?? []);
        Assert.Contains("Connector__Sync__StallAfter: The field Connector__Sync__StallAfter must be between 00:01:00 and 7.00:00:00.", new SyncOptionsValidator().Validate(null, new SyncOptions { StallAfter = TimeSpan.FromSeconds(30) }).Failures ?? []);
    }

    [Theory]
    [InlineData("http://kv-test.vault.azure.net/")]
    [InlineData("kv-test.vault.azure.net")]
    public void Refuses_a_key_vault_that_is_not_an_absolute_https_url(string vault)
    {
        var options = new SecretStoreOptions { KeyVaultUri = new Uri(vault, UriKind.RelativeOrAbsolute) };

        Assert.Contains("Connector__KeyVaultUri: must be an absolute https URL", new SecretStoreOptionsValidator().Validate(null, options).Failures ?? []);
        Assert.True(new SecretStoreOptionsValidator().Validate(null, new SecretStoreOptions { KeyVaultUri = new Uri("https://kv-test.vault.azure.net/") }).Succeeded);
    }

    [Theory]
    [InlineData("30,14,7,3,1", new[] { 30, 14, 7, 3, 1 })]
    [InlineData("1, 7 ,3", new[] { 7, 3, 1 })]
    public void Parses_warning_days_largest_first(string value, int[] expected)
    {
        Assert.True(TokenOptions.TryParseWarningDays(value, out var days));
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
        var result = new AdminOptionsValidator().Validate(null, new AdminOptions { Urls = urls, AdminKey = AdminOptions.SampleAdminKey });

        Assert.False(result.Succeeded);
        Assert.Contains("Connector__AdminKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminOptions.SampleAdminKey, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7071", "local-dev-admin-key-change-me")]
    [InlineData("http://localhost:7071", "local-dev-admin-key-change-me")]
    [InlineData("http://[::1]:7071", "local-dev-admin-key-change-me")]
    [InlineData("http://0.0.0.0:7071", "a-key-of-my-own-0123456789")]
    public void Accepts_the_sample_key_on_loopback_and_any_other_key_anywhere(string urls, string key)
    {
        var result = new AdminOptionsValidator().Validate(null, new AdminOptions { Urls = urls, AdminKey = key });

        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
