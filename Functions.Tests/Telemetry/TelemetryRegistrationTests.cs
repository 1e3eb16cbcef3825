using GitLabConnector.Hosting.Standalone;
using GitLabConnector.Hosting;
using GitLabConnector.Telemetry;
using GitLabConnector.Tokens;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace GitLabConnector.Tests.Telemetry;

public sealed class TelemetryRegistrationTests
{
    [Fact]
    public async Task Without_connection_string_or_endpoint_only_JSON_console_logs_are_written()
    {
        await using var app = Build([]);

        Assert.Null(app.Services.GetService<TelemetryClient>());
        Assert.Null(app.Services.GetService<TelemetryConfiguration>());
        Assert.DoesNotContain(app.Services.GetServices<ILoggerProvider>(), p => p is LogEventIdLoggerProvider);
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is OtlpExport or AppInsightsMetricForwarder or QueueDepthMonitor);
        var console = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
        Assert.True(app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.IncludeScopes);
    }

    [Fact]
    public async Task Connection_string_turns_on_Application_Insights_with_the_event_id_keeping_logger()
    {
        await using var app = Build([new(SettingNames.AppInsightsConnectionString, "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/")]);

        Assert.NotNull(app.Services.GetService<TelemetryClient>());
        var providers = app.Services.GetServices<ILoggerProvider>().ToList();
        Assert.Contains(providers, p => p is LogEventIdLoggerProvider);
        Assert.DoesNotContain(providers, p => p is Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider);
        Assert.Contains(app.Services.GetServices<ITelemetryInitializer>(), i => i is TelemetryScrubbingInitializer);
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is AppInsightsMetricForwarder);
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is AppInsightsActivityForwarder);
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is OtlpExport);
    }

    [Fact]
    public async Task Application_Insights_collects_requests_and_dependencies_and_constructs_no_other_collector()
    {
        await using var app = Build([new(SettingNames.AppInsightsConnectionString, "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/")]);

        var modules = app.Services.GetServices<ITelemetryModule>().Select(m => m.GetType().Name).Order().ToList();

        Assert.Equal(["DependencyTrackingTelemetryModule", "RequestTrackingTelemetryModule"], modules);
    }

    [Fact]
    public async Task Otlp_endpoint_turns_on_the_OTLP_exporters()
    {
        await using var app = Build([new(TelemetrySettings.OtlpEndpointSetting, "http://127.0.0.1:4317")]);

        Assert.Null(app.Services.GetService<TelemetryClient>());
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is OtlpExport);
        Assert.Contains(app.Services.GetServices<ILoggerProvider>(), p => p.GetType().Name == "OpenTelemetryLoggerProvider");
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555", true)]
    [InlineData("authorization = aad", true)]
    [InlineData("Authorization=Other", false)]
    [InlineData(null, false)]
    public void Authentication_string_selects_Entra_ingestion(string? authentication, bool entra)
    {
        var settings = new TelemetrySettings("InstrumentationKey=x", authentication, null, null);

        Assert.Equal(entra, settings.UsesEntraAuthentication);
    }

    [Fact]
    public void Http_protobuf_endpoint_gets_the_signal_path()
    {
        var settings = new TelemetrySettings(null, null, new Uri("http://collector:4318/"), "http/protobuf");
        var options = new OpenTelemetry.Exporter.OtlpExporterOptions();

        OtlpExport.Configure(options, settings, "v1/traces");

        Assert.Equal(new Uri("http://collector:4318/v1/traces"), options.Endpoint);
        Assert.Equal(OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, options.Protocol);
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
        var services = new ServiceCollection();
        services.AddSingleton(Substitute.For<ITokenStatusStore>());
        var configuration = new ConfigurationBuilder().Build();

        services.AddConnectorTelemetry(configuration, Substitute.For<IHostEnvironment>());

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
        Assert.Equal(expected, TelemetryRedaction.Url(url));

    [Theory]
    [InlineData("X-Gitlab-Token", true)]
    [InlineData("webhook-signature", true)]
    [InlineData("PRIVATE-TOKEN", true)]
    [InlineData("Authorization", true)]
    [InlineData("TokenId", false)]
    [InlineData("gitlab.idempotency_key", false)]
    public void Credential_names_are_recognised(string name, bool sensitive) =>
        Assert.Equal(sensitive, TelemetryRedaction.IsSensitiveName(name));

    [Theory]
    [InlineData("0af7651916cd43dd8448eb211c80319c", true)]
    [InlineData("0AF7651916CD43DD8448EB211C80319C", false)]
    [InlineData("00000000000000000000000000000000", false)]
    [InlineData("idem-1", false)]
    [InlineData(null, false)]
    public void Only_a_W3C_trace_id_becomes_the_enrich_parent(string? correlationId, bool parent)
    {
        var context = ConnectorActivitySource.ParentFor(correlationId);

        Assert.Equal(parent, context is not null);
        if (context is { } c)
        {
            Assert.Equal(correlationId, c.TraceId.ToHexString());
        }
    }

    private static WebApplication Build(IEnumerable<KeyValuePair<string, string?>> settings) =>
        StandaloneApplication.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Connector:LocalSecretsPath"] = Path.Combine(Path.GetTempPath(), "telemetry-registration-secrets.json"),
            ["Connector:Workers"] = "false",
        }.Concat(settings)));
}
