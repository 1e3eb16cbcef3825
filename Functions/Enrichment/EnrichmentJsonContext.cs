namespace GitLabConnector.Enrichment;

/// <summary>Timestamps are written as UTC with a <c>Z</c>, as the per-kind subjects write them, so consumers parse one format.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, Converters = [typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(EnrichedRecord))]
[JsonSerializable(typeof(EnrichedUser))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class EnrichmentJsonContext : JsonSerializerContext;

/// <summary>Writes <see cref="DateTimeOffset"/> as UTC ISO 8601 with <c>Z</c>; reads any offset or GitLab format.</summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return GitLabTimestamp.TryParse(text, out var value)
            ? value
            : DateTimeOffset.Parse(text ?? string.Empty, CultureInfo.InvariantCulture);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(GitLabTimestamp.Format(value));
}
