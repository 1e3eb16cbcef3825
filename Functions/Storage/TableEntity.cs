using System.Globalization;

namespace GitLabConnector.Storage;

/// <summary>
/// A table entity: keys, ETag and typed properties. Supported property types are string, bool, int, long,
/// double, DateTimeOffset, Guid and byte[] (the Edm types the service stores).
/// </summary>
public sealed class TableEntity
{
    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>Set when read from or written to the service.</summary>
    public string? ETag { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public IReadOnlyDictionary<string, object?> Properties => _properties;

    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set => _properties[name] = value;
    }

    public bool Remove(string name) => _properties.Remove(name);

    public string? GetString(string name) => _properties.GetValueOrDefault(name) switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    public long? GetInt64(string name) => _properties.GetValueOrDefault(name) switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    public int? GetInt32(string name) => GetInt64(name) is { } l ? (int)l : null;

    public bool? GetBoolean(string name) => _properties.GetValueOrDefault(name) switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var b) => b,
        _ => null,
    };

    public DateTimeOffset? GetDateTimeOffset(string name) => _properties.GetValueOrDefault(name) switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => null,
    };
}
