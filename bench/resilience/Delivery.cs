namespace GitLabConnector.Resilience;

/// <summary>
/// One webhook delivery. <see cref="ChangeId"/> names the change it reports: resends and the same change delivered
/// through another hook share it, and the audit expects exactly one enriched record per change.
/// </summary>
public sealed record Delivery(string ChangeId, string EventId, string EventName, byte[] Body);
