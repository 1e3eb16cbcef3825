using System.Globalization;
using System.Text.Json;

namespace GitLabConnector.Hosting;

/// <summary>
/// Reads the custom-handler invocation body <c>{ "Data": {...}, "Metadata": {...} }</c> tolerantly (AZURE.md §1.3):
/// the host JSON-encodes string values a second time and may send numbers as strings, while the documented
/// sample shows plain values; both shapes, and a queue item the host passed as a JSON object, are accepted.
/// </summary>
public static class FunctionInvocationReader
{
    // More than enough for "encoded twice"; bounds the work on hostile input.
    private const int MaxUnwrapDepth = 8;

    public static bool TryReadQueueMessage(JsonElement body, string bindingName, string? invocationId, out QueueTriggerMessage? message, out string? error)
    {
        message = null;
        if (!TryGetTrigger(body, bindingName, out var item, out var metadata, out error))
        {
            return false;
        }

        string text;
        switch (item.ValueKind)
        {
            case JsonValueKind.String:
                text = Unwrap(item.GetString()!);
                break;
            case JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                text = item.GetRawText();
                break;
            default:
                error = $"Data.{bindingName} is {item.ValueKind}, not a queue message";
                return false;
        }

        long dequeueCount = 1;
        if (TryGetProperty(metadata, "DequeueCount", out var countElement) && !TryReadInt64(countElement, out dequeueCount))
        {
            error = "Metadata.DequeueCount is not a whole number";
            return false;
        }

        message = new QueueTriggerMessage(
            MessageId: ReadString(metadata, "Id") ?? string.Empty,
            MessageText: text,
            DequeueCount: dequeueCount,
            InsertionTime: ReadTime(metadata, "InsertionTime"),
            PopReceipt: ReadString(metadata, "PopReceipt"),
            InvocationId: invocationId);
        return true;
    }

    public static bool TryReadTimer(JsonElement body, string bindingName, out TimerTriggerInfo? timer, out string? error)
    {
        timer = null;
        if (!TryGetTrigger(body, bindingName, out var item, out _, out error))
        {
            return false;
        }

        using var reparsed = item.ValueKind == JsonValueKind.String ? TryParse(Unwrap(item.GetString()!)) : null;
        var info = reparsed?.RootElement ?? item;
        if (info.ValueKind != JsonValueKind.Object)
        {
            error = $"Data.{bindingName} is not a timer object";
            return false;
        }

        var isPastDue = false;
        if (TryGetProperty(info, "IsPastDue", out var pastDue) && !TryReadBoolean(pastDue, out isPastDue))
        {
            error = "IsPastDue is not a boolean";
            return false;
        }

        TryGetProperty(info, "ScheduleStatus", out var status);
        timer = new TimerTriggerInfo(isPastDue, ReadTime(status, "Last"), ReadTime(status, "Next"));
        return true;
    }

    /// <summary>Strips extra JSON string encodings: <c>"\"{\\\"a\\\":1}\""</c> → <c>{"a":1}</c>.</summary>
    public static string Unwrap(string value)
    {
        for (var i = 0; i < MaxUnwrapDepth; i++)
        {
            var trimmed = value.AsSpan().Trim();
            if (trimmed.Length < 2 || trimmed[0] != '"' || trimmed[^1] != '"')
            {
                break;
            }

            try
            {
                value = JsonSerializer.Deserialize<string>(trimmed) ?? value;
            }
            catch (JsonException)
            {
                break;
            }
        }

        return value;
    }

    private static bool TryGetTrigger(JsonElement body, string bindingName, out JsonElement item, out JsonElement metadata, out string? error)
    {
        item = default;
        metadata = default;
        error = null;
        if (body.ValueKind != JsonValueKind.Object || !TryGetProperty(body, "Data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            error = "body has no Data object";
            return false;
        }

        if (!TryGetProperty(data, bindingName, out item))
        {
            // Tolerate a renamed binding when it is the only input.
            var properties = data.EnumerateObject().ToList();
            if (properties.Count != 1)
            {
                error = $"Data has no '{bindingName}'";
                return false;
            }

            item = properties[0].Value;
        }

        if (TryGetProperty(body, "Metadata", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            metadata = meta;
        }

        return true;
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return value.ValueKind != JsonValueKind.Null;
            }
        }

        return false;
    }

    private static string? ReadString(JsonElement element, string name) =>
        TryGetProperty(element, name, out var value)
            ? value.ValueKind == JsonValueKind.String ? Unwrap(value.GetString()!) : value.GetRawText()
            : null;

    private static DateTimeOffset? ReadTime(JsonElement element, string name) =>
        ReadString(element, name) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    private static bool TryReadInt64(JsonElement element, out long value) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetInt64(out value),
        JsonValueKind.String => long.TryParse(Unwrap(element.GetString()!), NumberStyles.Integer, CultureInfo.InvariantCulture, out value),
        _ => (value = 0) != 0,
    };

    private static bool TryReadBoolean(JsonElement element, out bool value)
    {
        value = false;
        return element.ValueKind switch
        {
            JsonValueKind.True => value = true,
            JsonValueKind.False => true,
            JsonValueKind.String => bool.TryParse(Unwrap(element.GetString()!), out value),
            _ => false,
        };
    }

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
