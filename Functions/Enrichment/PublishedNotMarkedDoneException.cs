namespace GitLabConnector.Enrichment;

/// <summary>Published but not marked done: the claim is kept (not released), so no other copy publishes; the retry only marks it done.</summary>
public sealed class PublishedNotMarkedDoneException(string message, Exception innerException) : Exception(message, innerException);
