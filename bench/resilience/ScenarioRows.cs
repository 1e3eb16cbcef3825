namespace GitLabConnector.Resilience;

/// <summary>Turns a tally and an audit into a table row; the failure list always includes lost and doubly processed events.</summary>
public static class ScenarioRows
{
    /// <param name="republishAllowed">
    /// True where the fault (SIGKILL, storage outage) can fall between publishing a record and marking it done: the
    /// record is then published again on retry, by design (docs/architecture.md, "Published at least once").
    /// </param>
    /// <param name="storageFailures">
    /// Storage failures the connector logged although none was injected (a saturated Azurite timing out): they open the
    /// same window, so a republish is then allowed too, and the count is reported.
    /// </param>
    public static ScenarioResult From(string name, DeliveryTally tally, EnrichmentAudit.Outcome outcome, List<string> failures, string recovery, IEnumerable<string> notes, bool republishAllowed = false, int storageFailures = 0)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(failures);
        if (outcome.Lost > 0)
        {
            failures.Add($"{outcome.Lost} accepted events never enriched");
        }

        if (outcome.DoublyProcessed > 0)
        {
            failures.Add($"{outcome.DoublyProcessed} changes with more than one enriched record");
        }

        if (outcome.Republished > 0 && !republishAllowed && storageFailures == 0)
        {
            failures.Add($"{outcome.Republished} records published more than once without a fault");
        }

        var allNotes = new List<string> { "answers: " + tally.Summary(), "drain " + ResultTable.Seconds(outcome.WaitedFor) };
        allNotes.AddRange(notes);
        if (storageFailures > 0)
        {
            allNotes.Add($"{storageFailures} storage failures logged by the connector without an injected fault (Azurite saturated)");
        }

        if (outcome.RecordsForRefusedDeliveries > 0)
        {
            allNotes.Add($"{outcome.RecordsForRefusedDeliveries} events refused with 503 were stored anyway");
        }

        return new ScenarioResult
        {
            Scenario = name,
            Sent = tally.Sent,
            Accepted = tally.Accepted,
            Enriched = outcome.Enriched,
            DuplicatesSuppressed = tally.Accepted - outcome.Changes,
            Lost = outcome.Lost,
            DoublyProcessed = outcome.DoublyProcessed,
            Republished = outcome.Republished,
            Status5xx = tally.Count(s => s >= 500),
            Recovery = recovery,
            Notes = string.Join("; ", allNotes),
            Failures = failures,
        };
    }

    public static ScenarioResult Crashed(string name, Exception error) => new()
    {
        Scenario = name,
        Failures = [$"scenario error: {error.GetType().Name}: {error.Message}"],
    };
}
