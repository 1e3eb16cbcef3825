namespace GitLabConnector.Connections;

/// <summary>Compile-time JSON metadata for the registry's hooks column.</summary>
[JsonSerializable(typeof(string[][]))]
internal sealed partial class ConnectionsJsonContext : JsonSerializerContext;
