using System.Diagnostics;

namespace GitLabConnector.Resilience;

/// <summary>Every delivery's answer, thread-safe: status counts, accepted events, and answers over time.</summary>
public sealed class DeliveryTally
{
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<int, int> _statuses = [];
    private readonly Dictionary<string, string> _acceptedEvents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refusedEvents = new(StringComparer.Ordinal);
    private readonly List<(TimeSpan At, int Status)> _timeline = [];

    public int Sent { get; private set; }

    public int Accepted { get; private set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Status 0 = no HTTP answer (connection refused, reset, timed out).</summary>
    public void Record(Delivery delivery, int status, bool queued)
    {
        lock (_lock)
        {
            Sent++;
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            _timeline.Add((_clock.Elapsed, status));
            if (status == 202 && queued)
            {
                Accepted++;
                _acceptedEvents[delivery.EventId] = delivery.ChangeId;
            }
            else
            {
                _refusedEvents.Add(delivery.EventId);
            }
        }
    }

    public int Count(Func<int, bool> statusMatches)
    {
        lock (_lock)
        {
            return _statuses.Where(s => statusMatches(s.Key)).Sum(s => s.Value);
        }
    }

    /// <summary>Accepted event id → change id.</summary>
    public IReadOnlyDictionary<string, string> AcceptedEvents()
    {
        lock (_lock)
        {
            return new Dictionary<string, string>(_acceptedEvents, StringComparer.Ordinal);
        }
    }

    /// <summary>Event ids that got no 202 on some delivery and were never accepted on another.</summary>
    public IReadOnlySet<string> RefusedOnlyEvents()
    {
        lock (_lock)
        {
            return _refusedEvents.Where(e => !_acceptedEvents.ContainsKey(e)).ToHashSet(StringComparer.Ordinal);
        }
    }

    /// <summary>When the first delivery at or after <paramref name="from"/> was answered with <paramref name="status"/>.</summary>
    public TimeSpan? FirstAfter(TimeSpan from, int status)
    {
        lock (_lock)
        {
            return _timeline.Where(t => t.At >= from && t.Status == status).Select(t => (TimeSpan?)t.At).Min();
        }
    }

    public string Summary()
    {
        lock (_lock)
        {
            return string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}×{s.Value}"));
        }
    }
}
