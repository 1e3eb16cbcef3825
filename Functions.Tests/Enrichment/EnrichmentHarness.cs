using System.Text.Json;
using System.Text.Json.Nodes;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace GitLabConnector.Tests.Enrichment;

/// <summary>An <see cref="EventEnricher"/> wired to a substitute GitLab, a fake clock and an in-memory email map.</summary>
internal sealed class EnrichmentHarness
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 22, 9, 59, 0, TimeSpan.Zero);

    public EnrichmentHarness(EnrichmentOptions? options = null)
    {
        Options = options ?? new EnrichmentOptions();
        var wrapped = Microsoft.Extensions.Options.Options.Create(Options);
        Users = new UserDirectory(GitLab, EmailMap, Time, wrapped);
        Enricher = new EventEnricher(
            [
                new MergeRequestEnricher(GitLab, Users, Time, wrapped),
                new NoteEnricher(Users),
                new PushEnricher(GitLab, wrapped),
                new PipelineEnricher(GitLab, wrapped),
                new IssueEnricher(Users),
                new CommitEnricher(),
            ],
            new PassThroughEnricher(),
            Users,
            Time,
            NullLogger<EventEnricher>.Instance);
    }

    public IGitLabApi GitLab { get; } = Substitute.For<IGitLabApi>();

    public InMemoryEmailMap EmailMap { get; } = new();

    public FakeTimeProvider Time { get; } = new();

    public EnrichmentOptions Options { get; }

    public UserDirectory Users { get; }

    public EventEnricher Enricher { get; }

    public static GitLabConnection Connection { get; } = new("conn-1", new Uri("https://gitlab.example.com"), "glpat-not-a-real-token");

    public static string PayloadsRoot => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Payloads");

    public static JsonElement LoadPayload(string relativePath) => Json(File.ReadAllText(Path.Combine(PayloadsRoot, relativePath)));

    /// <summary>A fixture payload with some fields changed (paths like <c>object_attributes.state</c>; null removes).</summary>
    public static JsonElement LoadPayload(string relativePath, params (string Path, JsonNode? Value)[] changes)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(PayloadsRoot, relativePath)))!.AsObject();
        foreach (var (path, value) in changes)
        {
            var parts = path.Split('.');
            var parent = parts[..^1].Aggregate(node, (current, part) => current[part]!.AsObject());
            if (value is null)
            {
                parent.Remove(parts[^1]);
            }
            else
            {
                parent[parts[^1]] = value;
            }
        }

        return Json(node.ToJsonString());
    }

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static IReadOnlyList<JsonElement> JsonList(string arrayText) => [.. Json(arrayText).EnumerateArray()];

    public static EventEnvelope Envelope(JsonElement payload, string eventName, string? objectKind = null) =>
        new()
        {
            EventId = "evt-1",
            DedupeKey = "dedupe-1",
            ConnectionId = Connection.ConnectionId,
            EventName = eventName,
            ObjectKind = objectKind,
            ReceivedAt = ReceivedAt,
            CorrelationId = "corr-1",
            Payload = payload,
        };

    public Task<EnrichedRecord> EnrichAsync(JsonElement payload, string eventName, string? objectKind = null) =>
        Enricher.EnrichAsync(Envelope(payload, eventName, objectKind), payload, Connection, CancellationToken.None);

    public static JsonNode Serialize(EnrichedRecord record) =>
        JsonSerializer.SerializeToNode(record, EnrichmentJsonContext.Default.EnrichedRecord)!;

    public static void AssertJsonEqual(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(
            JsonNode.DeepEquals(expectedNode, actual),
            $"Expected:\n{expectedNode?.ToJsonString()}\nActual:\n{actual?.ToJsonString()}");
    }

    /// <summary>How many calls the substitute GitLab received (any method).</summary>
    public int GitLabCalls => GitLab.ReceivedCalls().Count();

    public static GitLabApiException Status(int status) =>
        status == 401 ? new GitLabUnauthorizedException() : new GitLabApiException(status, $"GitLab answered {status}");
}

/// <summary>The admin user map, in memory.</summary>
internal sealed class InMemoryEmailMap : IUserEmailMap
{
    public Dictionary<long, string> Emails { get; } = [];

    public int Lookups { get; private set; }

    public Task<string?> GetEmailAsync(string connectionId, long gitlabUserId, CancellationToken cancellationToken)
    {
        Lookups++;
        return Task.FromResult(Emails.TryGetValue(gitlabUserId, out var email) ? email : null);
    }

    public Task ReplaceAsync(string connectionId, IReadOnlyDictionary<long, string> emails, CancellationToken cancellationToken)
    {
        Emails.Clear();
        foreach (var (id, email) in emails)
        {
            Emails[id] = email;
        }

        return Task.CompletedTask;
    }
}
