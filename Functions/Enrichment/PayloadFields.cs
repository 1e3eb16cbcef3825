namespace GitLabConnector.Enrichment;

/// <summary>Tolerant reads of GitLab JSON: a missing field, a null, or a number sent as a string are all normal.</summary>
internal static class PayloadFields
{
    public static JsonElement? Object(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    public static JsonElement? Array(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value
            : null;

    public static bool Has(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out _);

    public static string? String(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    public static long? Long(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt64(out var l) ? l : value.TryGetDouble(out var d) ? (long)d : null;
        }

        return value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }

    public static double? Double(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }

        return value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>The integers of an array field (<c>reviewer_ids</c>, <c>assignee_ids</c>); empty when absent.</summary>
    public static List<long> Longs(this JsonElement element, string name) =>
        element.Array(name)?.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var id) ? id : (long?)null)
            .OfType<long>()
            .ToList() ?? [];

    public static bool? Bool(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    public static DateTimeOffset? Timestamp(this JsonElement element, string name) =>
        GitLabTimestamp.Parse(element.String(name));

    /// <summary>A GitLab number as it was sent (integer or fractional seconds), or null.</summary>
    public static JsonNode? Number(this JsonElement element, string name)
    {
        var value = element.Double(name);
        if (value is null)
        {
            return null;
        }

        return value.Value == Math.Floor(value.Value) && Math.Abs(value.Value) < long.MaxValue
            ? JsonValue.Create((long)value.Value)
            : JsonValue.Create(value.Value);
    }

    public static JsonNode? ToNode(this JsonElement? element) =>
        element is { } e ? JsonSerializer.SerializeToNode(e, EnrichmentJsonContext.Default.JsonElement) : null;
}
