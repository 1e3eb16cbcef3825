namespace GitLabConnector.Enrichment;

/// <summary>Tolerant reads of GitLab JSON: a missing field, a null, or a number sent as a string are all normal.</summary>
internal static class PayloadFields
{
    public static JsonElement? Object(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    public static JsonElement? Array(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.Array } value ? value : null;

    public static bool Has(this JsonElement element, string name) => element.Field(name) is not null;

    public static string? String(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    public static long? Long(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.Number } value => value.TryGetInt64(out var l) ? l : value.TryGetDouble(out var d) ? (long)d : null,
        { ValueKind: JsonValueKind.String } value => long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        _ => null,
    };

    public static double? Double(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        { ValueKind: JsonValueKind.String } value => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        _ => null,
    };

    public static List<long> Longs(this JsonElement element, string name) =>
        element.Array(name)?.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var id) ? id : (long?)null)
            .OfType<long>()
            .ToList() ?? [];

    public static bool? Bool(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    public static DateTimeOffset? Timestamp(this JsonElement element, string name) =>
        GitLabTimestamp.Parse(element.String(name));

    /// <summary>A GitLab number as it was sent (integer or fractional seconds), or null.</summary>
    public static JsonNode? Number(this JsonElement element, string name) => element.Double(name) switch
    {
        null => null,
        { } value when value == Math.Floor(value) && Math.Abs(value) < long.MaxValue => JsonValue.Create((long)value),
        { } value => JsonValue.Create(value),
    };

    public static JsonNode? ToNode(this JsonElement? element) =>
        element is { } e ? JsonSerializer.SerializeToNode(e, EnrichmentJsonContext.Default.JsonElement) : null;

    private static JsonElement? Field(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}
