using Azure;
using GitLabConnector.Connections;
using GitLabConnector.Hosting;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitLabConnector.Tests.Webhooks;

public sealed class IngestionWarmUpTests : IDisposable
{
    private readonly IConnectionStore _store = Substitute.For<IConnectionStore>();
    private readonly ISecretStore _secrets = Substitute.For<ISecretStore>();
    private readonly IQueueService _queues = Substitute.For<IQueueService>();
    private readonly InMemoryLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly WebhookOptions _options = new();
    private readonly ConnectionCache _cache;

    public IngestionWarmUpTests()
    {
        _loggers = _logs.CreateFactory();
        _cache = new ConnectionCache(_store, TimeProvider.System, Options.Create(new ConnectionCacheOptions()));
    }

    [Fact]
    public async Task Caches_every_connection_and_the_active_ones_secrets_while_the_app_starts()
    {
        var active = Connection("active", ConnectionStatus.Active, SigningMode.Accept);
        var disconnected = Connection("gone", ConnectionStatus.Disconnected, SigningMode.Off);
        _store.ListAsync(Arg.Any<CancellationToken>()).Returns([active, disconnected]);

        await RunAsync();

        Assert.Same(active, await _cache.GetAsync("active", default));
        Assert.Same(disconnected, await _cache.GetAsync("gone", default));
        await _store.DidNotReceiveWithAnyArgs().GetAsync(default!, default);
        await _secrets.Received(1).GetAsync(SecretNames.WebhookSecret("active"), "v-active", Arg.Any<CancellationToken>());
        await _secrets.Received(1).GetAsync(SecretNames.SigningSecret("active"), "s-active", Arg.Any<CancellationToken>());
        await _secrets.DidNotReceive().GetAsync(SecretNames.WebhookSecret("gone"), Arg.Any<string?>(), Arg.Any<CancellationToken>());
        await _queues.Received(1).GetApproximateMessageCountAsync(new QueueOptions().Events, Arg.Any<CancellationToken>());
        Assert.Contains(_logs.Entries, e => e.EventId.Id == 2007);
    }

    [Fact]
    public async Task Caches_at_most_the_configured_number_of_connections()
    {
        _options.WarmUpConnections = 1;
        _store.ListAsync(Arg.Any<CancellationToken>()).Returns([Connection("a", ConnectionStatus.Active, SigningMode.Off), Connection("b", ConnectionStatus.Active, SigningMode.Off)]);

        await RunAsync();

        await _cache.GetAsync("b", default);
        await _store.Received(1).GetAsync("b", Arg.Any<CancellationToken>());
        await _secrets.DidNotReceive().GetAsync(SecretNames.WebhookSecret("b"), Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Does_nothing_when_turned_off()
    {
        _options.WarmUpConnections = 0;

        await RunAsync();

        await _store.DidNotReceiveWithAnyArgs().ListAsync(default);
        await _queues.DidNotReceiveWithAnyArgs().GetApproximateMessageCountAsync(default!, default);
    }

    [Fact]
    public async Task Unreachable_registry_is_logged_and_leaves_the_app_running()
    {
        _store.ListAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new RequestFailedException(503, "storage is down", "ServerBusy", null));

        await RunAsync();

        var warning = Assert.Single(_logs.Entries, e => e.EventId.Id == 2008);
        Assert.Equal(LogLevel.Warning, warning.Level);
        await _queues.DidNotReceiveWithAnyArgs().GetApproximateMessageCountAsync(default!, default);
    }

    [Fact]
    public async Task Missing_events_queue_does_not_stop_the_secret_warm_up()
    {
        _store.ListAsync(Arg.Any<CancellationToken>()).Returns([Connection("a", ConnectionStatus.Active, SigningMode.Off)]);
        _queues.GetApproximateMessageCountAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(new RequestFailedException(404, "no queue", "QueueNotFound", null));

        await RunAsync();

        await _secrets.Received(1).GetAsync(SecretNames.WebhookSecret("a"), "v-a", Arg.Any<CancellationToken>());
        Assert.Contains(_logs.Entries, e => e.EventId.Id == 2007);
    }

    [Fact]
    public async Task Creates_its_services_off_the_thread_that_starts_the_app()
    {
        var startingThread = Environment.CurrentManagedThreadId;
        var resolvedOn = 0;
        _store.ListAsync(Arg.Any<CancellationToken>()).Returns([]);

        await RunAsync(services => services.AddSingleton(_ =>
        {
            resolvedOn = Environment.CurrentManagedThreadId;
            return _store;
        }));

        Assert.NotEqual(0, resolvedOn);
        Assert.NotEqual(startingThread, resolvedOn);
    }

    public void Dispose()
    {
        _loggers.Dispose();
        _logs.Dispose();
    }

    private async Task RunAsync(Action<IServiceCollection>? registerStore = null)
    {
        var services = new ServiceCollection();
        if (registerStore is null)
        {
            services.AddSingleton(_store);
        }
        else
        {
            registerStore(services);
        }

        services.AddSingleton(_cache);
        services.AddSingleton(new WebhookSecretProvider(_secrets, TimeProvider.System));
        services.AddSingleton(_queues);
        await using var provider = services.BuildServiceProvider();
        var warmUp = new IngestionWarmUp(provider, Options.Create(_options), Options.Create(new QueueOptions()), _loggers.CreateLogger<IngestionWarmUp>());
        using var work = new BackgroundWork<IngestionWarmUp>(warmUp, (w, ct) => w.RunAsync(ct));
        await work.StartAsync(default);
        await work.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static ConnectionRecord Connection(string id, ConnectionStatus status, SigningMode signing) => new()
    {
        Id = id,
        Name = id,
        GitLabUrl = new Uri("https://gitlab.example.com"),
        Status = status,
        Signing = signing,
        WebhookSecretVersion = "v-" + id,
        SigningSecretVersion = signing == SigningMode.Off ? null : "s-" + id,
    };
}
