using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using GitLabConnector.Enrichment;
using GitLabConnector.Hosting;
using GitLabConnector.Hosting.Standalone;
using GitLabConnector.Telemetry;
using GitLabConnector.Tokens;
using GitLabConnector.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using NSubstitute;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace GitLabConnector.Tests.Telemetry;

public sealed class TelemetryRegistrationTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/";

    [Fact]
    public async Task Without_an_exporter_the_console_writes_one_readable_line_per_log_and_no_telemetry_pipeline_is_built()
    {
        await using var app = Build([]);

        var console = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Simple, console.FormatterName);
        var simple = app.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
        Assert.True(simple.SingleLine);
        Assert.False(simple.IncludeScopes);
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is BackgroundWork<QueueDepthMonitor>);
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", ConnectionString)]
    [InlineData(TelemetrySettings.OtlpEndpointSetting, "http://127.0.0.1:4317")]
    public async Task With_an_exporter_the_console_writes_JSON_with_a_plain_UTC_timestamp_and_queue_depth_is_recorded(string setting, string value)
    {
        await using var app = Build([new(setting, value)]);

        var console = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
        var json = app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(json.IncludeScopes);
        Assert.True(json.UseUtcTimestamp);
        Assert.Equal("yyyy-MM-ddTHH:mm:ss.fffZ", json.TimestampFormat);
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is BackgroundWork<QueueDepthMonitor>);
    }

    [Fact]
    public async Task Azure_Monitor_keeps_every_trace_and_authenticates_with_the_identity_of_the_authentication_string()
    {
        await using var app = Build([
            new("APPLICATIONINSIGHTS_CONNECTION_STRING", ConnectionString),
            new("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555")]);

        var options = app.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);

        Assert.Equal(ConnectionString, options.ConnectionString);
        Assert.Equal(1.0F, options.SamplingRatio);
        Assert.Null(options.TracesPerSecond);
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(options.Credential);
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555", true)]
    [InlineData("authorization = aad", true)]
    [InlineData("Authorization=Other", false)]
    [InlineData(null, false)]
    public void Authentication_string_selects_a_managed_identity_for_the_exporter(string? authentication, bool entra)
    {
        var settings = new TelemetrySettings(ConnectionString, authentication, UsesOtlp: false);

        var credential = settings.CreateCredential(new ConfigurationBuilder().Build());

        Assert.Equal(entra, settings.UsesEntraAuthentication);
        Assert.Equal(entra, credential is not null);
        if (authentication?.Contains("ClientId", StringComparison.Ordinal) == true)
        {
            Assert.IsType<Azure.Identity.ManagedIdentityCredential>(credential);
        }
    }

    [Fact]
    public void Span_tags_under_credential_names_or_with_credential_query_values_are_redacted_before_export()
    {
        var exported = new List<Activity>();
        using var source = new ActivitySource("Redaction.Test");
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .AddProcessor(new ActivityRedactionProcessor())
            .AddInMemoryExporter(exported)
            .Build())
        {
            using var activity = source.StartActivity("call")!;
            activity.SetTag("url.full", "https://gitlab.example/api/v4/projects/1?private_token=glpat-abc&per_page=100");
            activity.SetTag("http.request.header.private-token", "glpat-abc");
            activity.SetTag("gitlab.event_id", "idem-1");
        }

        var span = Assert.Single(exported);
        Assert.Equal("https://gitlab.example/api/v4/projects/1?private_token=REDACTED&per_page=100", span.GetTagItem("url.full"));
        Assert.Equal(TelemetryRedaction.Redacted, span.GetTagItem("http.request.header.private-token"));
        Assert.Equal("idem-1", span.GetTagItem("gitlab.event_id"));
    }

    [Fact]
    public void Log_messages_and_attributes_are_redacted_before_export()
    {
        var exported = new List<LogRecord>();
        using (var factory = LoggerFactory.Create(b => b.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.AddProcessor(new LogRecordRedactionProcessor());
            o.AddInMemoryExporter(exported);
        })))
        {
#pragma warning disable CA1848, CA2254 // A message template built to carry a credential, as a careless log line would.
            factory.CreateLogger("t").LogWarning("Calling {Url} with {WebhookSecret}", "https://h/p?access_token=s3cr3t&x=1", "whsec-value");
#pragma warning restore CA1848, CA2254
        }

        var record = Assert.Single(exported);
        Assert.DoesNotContain("s3cr3t", record.FormattedMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec-value", record.FormattedMessage, StringComparison.Ordinal);
        var attributes = record.Attributes!.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal("https://h/p?access_token=REDACTED&x=1", attributes["Url"]);
        Assert.Equal(TelemetryRedaction.Redacted, attributes["WebhookSecret"]);
    }

    [Fact]
    public async Task Saved_token_status_records_days_left_per_connection()
    {
        var inner = Substitute.For<ITokenStatusStore>();
        inner.SaveAsync(Arg.Any<TokenStatus>(), Arg.Any<CancellationToken>()).Returns(c => c.Arg<TokenStatus>());
        var services = new ServiceCollection().AddMetrics().AddSingleton(inner).BuildServiceProvider();
        var recorded = new List<(int Value, string? Connection, string? State)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Name == TelemetryNames.Instruments.TokenDaysLeft)
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(p => p.Key, p => p.Value as string);
            recorded.Add((value, t.GetValueOrDefault(TelemetryNames.Tags.Connection), t.GetValueOrDefault(TelemetryNames.Tags.State)));
        });
        listener.Start();
        var store = new TokenStatusMetricsRecorder(inner, new TokenMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));

        await store.SaveAsync(new TokenStatus { ConnectionId = "c1", DaysLeft = 6, State = TokenStates.Expiring }, default);
        await store.SaveAsync(new TokenStatus { ConnectionId = "c2", DaysLeft = null, State = TokenStates.Invalid }, default);

        Assert.Equal([(6, "c1", TokenStates.Expiring)], recorded);
        await inner.Received(2).SaveAsync(Arg.Any<TokenStatus>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Registered_token_status_store_is_wrapped()
    {
        var services = new ServiceCollection().AddMetrics();
        services.AddSingleton(Substitute.For<ITokenStatusStore>());

        services.AddTokens(new ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();
        Assert.IsType<TokenStatusMetricsRecorder>(provider.GetRequiredService<ITokenStatusStore>());
    }

    [Theory]
    [InlineData("https://h/api/webhooks/gitlab/c1?private_token=abc&x=1", "https://h/api/webhooks/gitlab/c1?private_token=REDACTED&x=1")]
    [InlineData("https://h/p?sig=abc%2B&sv=2024", "https://h/p?sig=REDACTED&sv=2024")]
    [InlineData("https://h/p?X-Gitlab-Token=abc", "https://h/p?X-Gitlab-Token=REDACTED")]
    [InlineData("https://h/api/v4/projects/1/repository/commits/abc?stats=true", "https://h/api/v4/projects/1/repository/commits/abc?stats=true")]
    [InlineData("https://h/p", "https://h/p")]
    public void Credential_query_values_are_redacted(string url, string expected) =>
        Assert.Equal(expected, TelemetryRedaction.Text(url));

    [Theory]
    [InlineData("X-Gitlab-Token", true)]
    [InlineData("webhook-signature", true)]
    [InlineData("PRIVATE-TOKEN", true)]
    [InlineData("Authorization", true)]
    [InlineData("TokenId", false)]
    [InlineData("gitlab.idempotency_key", false)]
    public void Credential_names_are_recognised(string name, bool sensitive) =>
        Assert.Equal(sensitive, TelemetryRedaction.IsSensitiveName(name));

    private static WebApplication Build(IEnumerable<KeyValuePair<string, string?>> settings) =>
        StandaloneApplication.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Connector:LocalSecretsPath"] = Path.Combine(Path.GetTempPath(), "telemetry-registration-secrets.json"),
            ["Connector:Workers"] = "false",
        }.Concat(settings)));
}
