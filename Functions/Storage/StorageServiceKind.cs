namespace GitLabConnector.Storage;

/// <summary>The three storage services the connector talks to.</summary>
public enum StorageServiceKind
{
    Blob,
    Queue,
    Table,
}
