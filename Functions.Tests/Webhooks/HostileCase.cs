using System.Text;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>
/// One hostile delivery and the exact status it must get. By default a well-formed, authenticated push delivery to the
/// token connection; each case changes one thing. <c>{id}</c> / <c>{ID}</c> in <see cref="Path"/> become the connection id
/// (as is / upper-cased).
/// </summary>
public sealed record HostileCase(string Name, int Status, string? Reason = null)
{
    public static readonly byte[] ValidBody = Encoding.UTF8.GetBytes("{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\"}");

    public string Method { get; init; } = "POST";

    public string Path { get; init; } = "api/webhooks/gitlab/{id}";

    public byte[]? Body { get; init; } = ValidBody;

    public string? ContentType { get; init; } = "application/json";

    public string? Event { get; init; } = "Push Hook";

    /// <summary>Send the connection's real webhook secret (unless <see cref="Token"/> overrides it).</summary>
    public bool WithToken { get; init; } = true;

    /// <summary>A token value to send instead of the real one; <c>{secret}</c> becomes the real secret.</summary>
    public string? Token { get; init; }

    /// <summary>Deliver to the connection that has a signing secret (signature mode accept) instead.</summary>
    public bool Signed { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public static byte[] Text(string body) => Encoding.UTF8.GetBytes(body);

    public static byte[] Bytes(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public override string ToString() => Name;
}
