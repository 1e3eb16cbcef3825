using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace GitLabConnector.Storage;

/// <summary>The Queue service's XML bodies: the QueueMessage request and the QueueMessagesList response.</summary>
internal static class QueueMessageXml
{
    /// <summary><c>&lt;QueueMessage&gt;&lt;MessageText&gt;base64(UTF-8 text)&lt;/MessageText&gt;&lt;/QueueMessage&gt;</c>.</summary>
    public static byte[] CreateRequestBody(string messageText)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(messageText));
        var document = new XElement("QueueMessage", new XElement("MessageText", encoded));
        return Encoding.UTF8.GetBytes(document.ToString(SaveOptions.DisableFormatting));
    }

    public static IReadOnlyList<QueueMessage> ParseMessages(BinaryData body, bool peeked)
    {
        var root = Parse(body);
        return root.Elements("QueueMessage")
            .Select(m => new QueueMessage(
                Required(m, "MessageId"),
                peeked ? null : Required(m, "PopReceipt"),
                long.TryParse(m.Element("DequeueCount")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0,
                Date(m, "InsertionTime"),
                Date(m, "TimeNextVisible"),
                DecodeText(m.Element("MessageText")?.Value ?? string.Empty)))
            .ToList();
    }

    public static QueueMessageReceipt ParseReceipt(BinaryData body)
    {
        var message = Parse(body).Element("QueueMessage")
            ?? throw new StorageRequestFailedException(201, null, "The Put Message response had no QueueMessage element.");
        return new QueueMessageReceipt(Required(message, "MessageId"), Required(message, "PopReceipt"), Date(message, "TimeNextVisible"));
    }

    /// <summary>
    /// Base64(UTF-8) is what the Functions trigger expects; a message some other writer put as plain text
    /// is returned as-is rather than lost.
    /// </summary>
    public static string DecodeText(string wireText)
    {
        var buffer = new byte[wireText.Length];
        return Convert.TryFromBase64String(wireText, buffer, out var written)
            ? Encoding.UTF8.GetString(buffer, 0, written)
            : wireText;
    }

    public static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;

    private static XElement Parse(BinaryData body)
    {
        try
        {
            return XDocument.Parse(body.ToString()).Root ?? throw new System.Xml.XmlException("empty document");
        }
        catch (System.Xml.XmlException ex)
        {
            throw new StorageRequestFailedException(200, null, "The Queue service returned malformed XML.", ex);
        }
    }

    private static string Required(XElement message, string name) =>
        message.Element(name)?.Value
        ?? throw new StorageRequestFailedException(200, null, $"The Queue service response lacks {name}.");

    private static DateTimeOffset? Date(XElement message, string name) => ParseDate(message.Element(name)?.Value);
}
