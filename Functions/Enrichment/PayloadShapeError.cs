namespace GitLabConnector.Enrichment;

/// <summary>
/// The JSON DOM refusing an access (a missing field, another type, a lone surrogate, a number out of range) fails the same
/// way on every attempt, so the event is recorded <c>invalid</c> at once instead of retried into the poison queue.
/// Anything thrown elsewhere (storage, GitLab, the network, a truncated response's <see cref="JsonException"/>) stays transient.
/// </summary>
public static class PayloadShapeError
{
    private static readonly string JsonNamespace = typeof(JsonElement).Namespace!;

    /// <summary>What the payload got wrong, or null when <paramref name="error"/> is not a payload-shape error.</summary>
    public static string? Describe(Exception error) => error.TargetSite?.DeclaringType?.Namespace != JsonNamespace ? null : error switch
    {
        KeyNotFoundException => "a field the event kind requires is missing: " + error.Message,
        FormatException => "a field holds a value out of range: " + error.Message,
        InvalidOperationException => "a field has the wrong type or an invalid string (e.g. a lone surrogate): " + error.Message,
        _ => null,
    };
}
