using System.Globalization;
using System.Text.Json;

namespace GitLabConnector.Storage;

/// <summary>
/// Table entity JSON. Writes typed values with <c>@odata.type</c> annotations for Int64, DateTime, Guid and Binary
/// (and Double, so whole numbers stay doubles); reads minimal-metadata responses back into the same CLR types.
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";

    public static byte[] Serialize(TableEntity entity)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity.Properties)
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static TableEntity Deserialize(JsonElement element)
    {
        var entity = new TableEntity(
            element.GetProperty("PartitionKey").GetString() ?? string.Empty,
            element.GetProperty("RowKey").GetString() ?? string.Empty);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" || name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (name == "odata.etag")
            {
                entity.ETag = property.Value.GetString();
                continue;
            }

            if (name.StartsWith("odata.", StringComparison.Ordinal))
            {
                continue;
            }

            var type = element.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString() : null;
            var value = ReadValue(property.Value, type);
            if (name == "Timestamp")
            {
                entity.Timestamp = value as DateTimeOffset? ?? (value is string s ? ParseDate(s) : null);
                continue;
            }

            if (value is not null)
            {
                entity[name] = value;
            }
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                writer.WriteString(name, s);
                return;
            case bool b:
                writer.WriteBoolean(name, b);
                return;
            case int i:
                writer.WriteNumber(name, i);
                return;
            case long l:
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                return;
            case double d:
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, d.ToString(CultureInfo.InvariantCulture));
                }

                return;
            case DateTimeOffset dto:
                WriteDate(writer, name, dto);
                return;
            case DateTime dt:
                WriteDate(writer, name, new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime()));
                return;
            case Guid g:
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                return;
            case byte[] bytes:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteString(name, Convert.ToBase64String(bytes));
                return;
            default:
                throw new ArgumentException(
                    $"Table property '{name}' has unsupported type {value.GetType().Name}; use string, bool, int, long, double, DateTimeOffset, Guid or byte[].");
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset value)
    {
        writer.WriteString(name + TypeSuffix, "Edm.DateTime");
        writer.WriteString(name, value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
    }

    private static object? ReadValue(JsonElement value, string? type) => (value.ValueKind, type) switch
    {
        (JsonValueKind.Null or JsonValueKind.Undefined, _) => null,
        (JsonValueKind.True, _) => true,
        (JsonValueKind.False, _) => false,
        (JsonValueKind.String, "Edm.Int64") => long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        (JsonValueKind.String, "Edm.DateTime") => ParseDate(value.GetString()!),
        (JsonValueKind.String, "Edm.Guid") => Guid.Parse(value.GetString()!),
        (JsonValueKind.String, "Edm.Binary") => Convert.FromBase64String(value.GetString()!),
        (JsonValueKind.String, "Edm.Double") => double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
        (JsonValueKind.String, _) => value.GetString(),
        (JsonValueKind.Number, "Edm.Double") => value.GetDouble(),
        (JsonValueKind.Number, "Edm.Int64") => value.GetInt64(),
        (JsonValueKind.Number, _) when value.TryGetInt32(out var i) => i,
        (JsonValueKind.Number, _) => value.GetDouble(),
        _ => value.GetRawText(),
    };

    private static DateTimeOffset? ParseDate(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
}
