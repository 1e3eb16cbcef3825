namespace GitLabConnector.Enrichment;

/// <summary>
/// The enriched record was published but the event could not be marked done. The event's claim is kept (not released),
/// so no other copy publishes it again while the message is retried; the retry only marks it done.
/// </summary>
public sealed class PublishedNotMarkedDoneException(string message, Exception innerException) : Exception(message, innerException);
