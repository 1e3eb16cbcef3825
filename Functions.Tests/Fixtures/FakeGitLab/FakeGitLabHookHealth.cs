using System.Text.Json.Nodes;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>
/// What GitLab knows of its hooks' deliveries: auto-disabling (<c>alert_status</c>, <c>disabled_until</c>), the
/// delivery log the hook events API lists, resends (5 a minute per hook, like GitLab) and test deliveries.
/// Hook ids are unique across owners in the fake, so hooks are keyed by id.
/// </summary>
public sealed class FakeGitLabHookHealth
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, (string Status, DateTimeOffset? Until)> _status = [];
    private readonly Dictionary<long, List<JsonObject>> _events = [];
    private readonly List<FakeGitLabResend> _resends = [];
    private readonly List<long> _tests = [];
    private long _nextEventId = 100;

    /// <summary>Resends GitLab accepted, in order.</summary>
    public IReadOnlyList<FakeGitLabResend> Resends
    {
        get
        {
            lock (_lock)
            {
                return [.. _resends];
            }
        }
    }

    /// <summary>Hooks a test delivery was requested for, in order.</summary>
    public IReadOnlyList<long> Tests
    {
        get
        {
            lock (_lock)
            {
                return [.. _tests];
            }
        }
    }

    /// <summary>Whether a test delivery succeeds (and so re-enables the hook).</summary>
    public bool TestsSucceed { get; set; } = true;

    /// <summary>Disables a hook as GitLab does after failures: temporarily (until a time) or for good.</summary>
    public void Disable(long hookId, DateTimeOffset? until = null)
    {
        lock (_lock)
        {
            _status[hookId] = until is null ? ("disabled", null) : ("temporarily_disabled", until);
        }
    }

    public (string Status, DateTimeOffset? Until) StatusOf(long hookId)
    {
        lock (_lock)
        {
            return _status.TryGetValue(hookId, out var status) ? status : ("executable", null);
        }
    }

    /// <summary>What the connector answers a resent delivery: an HTTP status or <c>internal error</c>.</summary>
    public string ResendAnswer { get; set; } = "200";

    /// <summary>The clock of the 5-a-minute resend limit.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>
    /// Adds a delivery to the hook's log as GitLab records it (no time; <paramref name="responseStatus"/> a status or
    /// <c>internal error</c>); returns its hook event id (ids only grow).
    /// </summary>
    public long AddDelivery(long hookId, string responseStatus, string url, string? idempotencyKey = null)
    {
        lock (_lock)
        {
            var id = _nextEventId++;
            if (!_events.TryGetValue(hookId, out var log))
            {
                _events[hookId] = log = [];
            }

            log.Insert(0, new JsonObject
            {
                ["id"] = id,
                ["url"] = url,
                ["trigger"] = "push_hooks",
                ["request_headers"] = new JsonObject { ["Idempotency-Key"] = idempotencyKey ?? Guid.NewGuid().ToString() },
                ["request_data"] = "{}",
                ["response_status"] = responseStatus,
                ["execution_duration"] = 0.1,
            });
            return id;
        }
    }

    internal List<JsonObject> Deliveries(long hookId)
    {
        lock (_lock)
        {
            return [.. (_events.TryGetValue(hookId, out var events) ? events : []).Select(e => e.DeepClone().AsObject())];
        }
    }

    internal void Test(long hookId)
    {
        lock (_lock)
        {
            _tests.Add(hookId);
            if (TestsSucceed)
            {
                _status.Remove(hookId);
            }
        }
    }

    /// <summary>404 for an unknown delivery, 429 past 5 resends in the last minute for the hook, else 201 and a new delivery under the same Idempotency-Key.</summary>
    internal int Resend(long hookId, long eventId)
    {
        var now = Clock();
        JsonObject? original;
        lock (_lock)
        {
            original = _events.TryGetValue(hookId, out var log) ? log.FirstOrDefault(e => e["id"]!.GetValue<long>() == eventId) : null;
            if (original is null)
            {
                return 404;
            }

            if (_resends.Count(r => r.HookId == hookId && now - r.At < TimeSpan.FromMinutes(1)) >= 5)
            {
                return 429;
            }

            _resends.Add(new FakeGitLabResend(hookId, eventId, now));
        }

        AddDelivery(hookId, ResendAnswer, original["url"]!.GetValue<string>(), original["request_headers"]!["Idempotency-Key"]!.GetValue<string>());
        return 201;
    }
}

public sealed record FakeGitLabResend(long HookId, long HookEventId, DateTimeOffset At);
