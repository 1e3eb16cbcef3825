namespace GitLabConnector.Enrichment;

/// <summary>How a change reached the connector: the record's <c>source</c>.</summary>
public static class EventSources
{
    public const string Webhook = "webhook";
    public const string Sync = "sync";

    /// <summary>Event ids of sync records start so, which tells a change a sync published from one a webhook did.</summary>
    public const string SyncEventIdPrefix = "sync-";
}
