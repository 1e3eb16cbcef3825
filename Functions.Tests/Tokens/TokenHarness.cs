using Microsoft.Extensions.Logging;
using System.Text.Json;
using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tokens;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace GitLabConnector.Tests.Tokens;

/// <summary>
/// One connection and shared in-memory stores. <see cref="CreateMonitor"/> builds a fresh object graph over the same stores,
/// which is what a restart (or a second instance) looks like.
/// </summary>
public sealed class TokenHarness : IDisposable
{
    public const string ConnectionId = "conn-1";

    private readonly ILoggerFactory _loggers;

    public TokenHarness()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        Leases = new InMemoryLeaseStore(Time);
        GitLab = new FakeGitLabTokens(Time);
        Connections.GetAsync(ConnectionId, Arg.Any<CancellationToken>()).Returns(Connection);
        Connections.ListAsync(Arg.Any<CancellationToken>()).Returns([Connection]);
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
    }

    public FakeTimeProvider Time { get; }

    public InMemoryTokenStatusStore Statuses { get; } = new();

    public InMemorySecretStore Secrets { get; } = new();

    public InMemoryLeaseStore Leases { get; }

    public RecordingQueueService Queues { get; } = new();

    public FakeGitLabTokens GitLab { get; }

    public IParkedEvents Parked { get; } = Substitute.For<IParkedEvents>();

    public IConnectionStore Connections { get; } = Substitute.For<IConnectionStore>();

    public CapturingLoggerProvider Logs { get; } = new();

    public TokenOptions Options { get; } = new();

    public PendingRotatedTokens Pending { get; } = new();

    public ConnectionRecord Connection { get; } = new() { Id = ConnectionId, Name = "Acme", GitLabUrl = new Uri("https://gitlab.example.com") };

    public string SecretName => SecretNames.Token(ConnectionId);

    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);


    /// <summary>A valid token in GitLab, stored as the connection's secret.</summary>
    public FakeGitLabTokens.FakeToken GiveToken(string value, int daysLeft, GitLabTokenKind kind = GitLabTokenKind.Personal, long? resourceId = null)
    {
        var token = GitLab.AddToken(value, Today.AddDays(daysLeft), kind, resourceId);
        Secrets.Put(SecretName, value);
        return token;
    }

    public TokenMonitor CreateMonitor(PendingRotatedTokens? pending = null) => Build(pending ?? Pending).Monitor;

    public TokenMonitorRun CreateRun()
    {
        var (monitor, _) = Build(Pending);
        return new TokenMonitorRun(monitor, Leases, Time, _loggers.CreateLogger<TokenMonitorRun>());
    }

    public Task<TokenStatus?> CheckAsync() => CreateMonitor().CheckConnectionAsync(ConnectionId, CancellationToken.None);

    public async Task<TokenStatus> StatusAsync() => (await Statuses.GetAsync(ConnectionId, CancellationToken.None))!;

    public IReadOnlyList<JsonElement> Alerts() =>
        [.. Queues.Messages(new QueueOptions().Alerts).Select(m => JsonDocument.Parse(m).RootElement.Clone())];

    public IReadOnlyList<JsonElement> Alerts(string kind) => [.. Alerts().Where(a => a.GetProperty("kind").GetString() == kind)];

    public void Dispose() => _loggers.Dispose();

    private (TokenMonitor Monitor, TokenRotator Rotator) Build(PendingRotatedTokens pending)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var probe = new TokenProbe(GitLab);
        var alerts = new TokenAlertPublisher(Queues, Microsoft.Extensions.Options.Options.Create(new QueueOptions()), Time, _loggers.CreateLogger<TokenAlertPublisher>());
        var policy = new TokenRotationRetryPolicy { PersistDelays = [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero] };
        var rotator = new TokenRotator(GitLab, probe, Secrets, Statuses, Leases, Parked, alerts, pending, policy, options, Time, _loggers.CreateLogger<TokenRotator>());
        var monitor = new TokenMonitor(Connections, Secrets, Statuses, probe, rotator, alerts, pending, Parked, options, Time, _loggers.CreateLogger<TokenMonitor>());
        return (monitor, rotator);
    }
}
