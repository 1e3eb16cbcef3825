namespace GitLabConnector.Resilience;

/// <summary>One row of the resilience table, plus the reasons (if any) the scenario failed.</summary>
public sealed record ScenarioResult
{
    public required string Scenario { get; init; }

    /// <summary>Deliveries (HTTP requests) sent, including deliberate duplicates.</summary>
    public int Sent { get; init; }

    /// <summary>Deliveries answered 202 "queued".</summary>
    public int Accepted { get; init; }

    /// <summary>Distinct accepted events (changes) that ended with an enriched record.</summary>
    public int Enriched { get; init; }

    /// <summary>Accepted deliveries that did not produce a record of their own (resends, cross-hook copies).</summary>
    public int DuplicatesSuppressed { get; init; }

    /// <summary>Distinct accepted events with no enriched record at the end.</summary>
    public int Lost { get; init; }

    /// <summary>Changes with more than one enriched record.</summary>
    public int DoublyProcessed { get; init; }

    /// <summary>Changes whose record was published more than once (allowed only where a fault hits the publish → done window).</summary>
    public int Republished { get; init; }

    /// <summary>5xx answers to deliveries (503 included).</summary>
    public int Status5xx { get; init; }

    public string Recovery { get; init; } = "–";

    public string Notes { get; init; } = string.Empty;

    public IReadOnlyList<string> Failures { get; init; } = [];

    public bool Skipped { get; init; }

    public bool Passed => Failures.Count == 0 && Lost == 0 && DoublyProcessed == 0;
}
