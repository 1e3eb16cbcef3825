namespace GitLabConnector.Enrichment;

/// <summary>
/// Tells a payload that can never be enriched from a failure worth retrying. The JSON DOM refusing an access — a field
/// that is missing (<see cref="KeyNotFoundException"/>), of another type, or a string holding a lone surrogate
/// (<see cref="InvalidOperationException"/>), a number out of range (<see cref="FormatException"/>) — fails the same way on
/// every attempt, so such an event is recorded <c>invalid</c> at once instead of being retried into the poison queue.
/// Anything thrown elsewhere (storage, GitLab, the network, a truncated response's <see cref="JsonException"/>) stays transient.
/// </summary>
public static class PayloadShapeError
{
    private static readonly string JsonNamespace = typeof(JsonElement).Namespace!;

    /// <summary>A description naming what the payload got wrong, or null when <paramref name="error"/> is not a payload-shape error.</summary>
    public static string? Describe(Exception error) => error.TargetSite?.DeclaringType?.Namespace != JsonNamespace ? null : error switch
    {
        KeyNotFoundException => "a field the event kind requires is missing: " + error.Message,
        FormatException => "a field holds a value out of range: " + error.Message,
        InvalidOperationException => "a field has the wrong type or an invalid string (e.g. a lone surrogate): " + error.Message,
        _ => null,
    };
}
