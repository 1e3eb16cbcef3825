namespace GitLabConnector.Enrichment;

/// <summary>Enrichment log events (ids 1400–1449). Never logs payload bodies or tokens.</summary>
internal static partial class EnrichmentLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "Event {GitLabEventId} on connection {ConnectionId}: {Resource} answered {Status}; the enriched record is partial")]
    public static partial void SubResourceUnavailable(ILogger logger, string gitLabEventId, string connectionId, string resource, int status);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "Event {GitLabEventId} on connection {ConnectionId} enriched as {Kind} (partial: {Partial})")]
    public static partial void Enriched(ILogger logger, string gitLabEventId, string connectionId, string kind, bool partial);
}
