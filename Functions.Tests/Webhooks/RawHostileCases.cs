using System.Globalization;
using System.Text;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>A request HttpClient would refuse to send, written byte for byte; <c>{path}</c>, <c>{secret}</c> and <c>{length}</c> are filled in.</summary>
public sealed record RawHostileCase(string Name, int Status, string Head, string Body = RawHostileCase.ValidBody, string? Reason = null)
{
    public const string ValidBody = "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\"}";

    public byte[] Render(HostileInputHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var head = Head
            .Replace("{path}", "/" + WebhookRequests.PathFor(host.TokenConnection.Id), StringComparison.Ordinal)
            .Replace("{secret}", host.TokenConnection.WebhookSecret, StringComparison.Ordinal)
            .Replace("{length}", Encoding.UTF8.GetByteCount(Body).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(head + Body);
    }

    public override string ToString() => Name;
}

public static class RawHostileCases
{
    private const string Start = "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n";
    private const string Event = "X-Gitlab-Event: Push Hook\r\n";
    private const string Token = "X-Gitlab-Token: {secret}\r\n";
    private const string Length = "Content-Length: {length}\r\n";

    public static IReadOnlyList<RawHostileCase> All { get; } =
    [
        new("duplicate X-Gitlab-Token headers", 401, Start + Event + Token + Token + Length + "\r\n", Reason: "missing-token"),
        new("duplicate X-Gitlab-Event headers", 400, Start + Event + Event + Token + Length + "\r\n", Reason: "missing-event"),
        new("conflicting X-Gitlab-Event headers", 400, Start + Event + "X-Gitlab-Event: Issue Hook\r\n" + Token + Length + "\r\n", Reason: "missing-event"),
        new("bare CR inside a header value", 400, Start + Event + "X-Gitlab-Token: {secret}\rX-Injected: 1\r\n" + Length + "\r\n"),
        // Kestrel accepts a bare LF as a line end, so this arrives as two token headers: ambiguous, treated as absent.
        new("bare LF smuggling a second token header", 401, Start + Event + "X-Gitlab-Token: wrong\nX-Gitlab-Token: {secret}\r\n" + Length + "\r\n", Reason: "missing-token"),
        new("NUL inside a header value", 400, Start + Event + "X-Gitlab-Token: {secret}\0\r\n" + Length + "\r\n"),
        new("non-ASCII byte in the token", 400, Start + Event + "X-Gitlab-Token: {secret}\u00ff\r\n" + Length + "\r\n"),
        new("space in a header name", 400, Start + Event + "X-Gitlab Token: {secret}\r\n" + Length + "\r\n"),
        new("header line without colon", 400, Start + Event + Token + "garbage-line\r\n" + Length + "\r\n"),
        new("non-numeric Content-Length", 400, Start + Event + Token + "Content-Length: ten\r\n\r\n"),
        new("two different Content-Length headers", 400, Start + Event + Token + Length + "Content-Length: 3\r\n\r\n"),
        new("malformed chunk size", 400, Start + Event + Token + "Transfer-Encoding: chunked\r\n\r\n", "zz\r\n{}\r\n0\r\n\r\n"),
        new("final transfer coding not chunked", 400, Start + Event + Token + "Transfer-Encoding: gzip\r\n\r\n"),
        new("raw NUL in the request target", 400, "POST /api/webhooks/gitlab/a\0b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n" + Event + Token + Length + "\r\n"),
        new("raw space in the request target", 400, "POST /api/webhooks/gitlab/a b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n" + Event + Token + Length + "\r\n"),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var raw in All)
        {
            data.Add(raw.Name);
        }

        return data;
    }

    public static RawHostileCase Named(string name) => All.Single(c => c.Name == name);
}
