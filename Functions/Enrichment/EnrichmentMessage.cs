namespace GitLabConnector.Enrichment;

/// <summary>One queued event as the <c>enrich</c> handler sees it, whichever host delivered it: the decoded text and how often it was dequeued.</summary>
public sealed record EnrichmentMessage(string MessageId, string Text, long DequeueCount);
