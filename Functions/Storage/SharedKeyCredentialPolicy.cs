using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace GitLabConnector.Storage;

/// <summary>
/// Signs Queue and Blob requests with <c>SharedKey</c> (Authorize with Shared Key, blob/queue string-to-sign).
/// Runs once per try so each retry carries a fresh <c>x-ms-date</c>.
/// </summary>
public sealed class SharedKeyCredentialPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKeyCredential _credential;
    private readonly TimeProvider _timeProvider;

    public SharedKeyCredentialPolicy(StorageSharedKeyCredential credential, TimeProvider? timeProvider = null)
    {
        _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", _timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
        var stringToSign = BuildStringToSign(request, _credential.AccountName);
        request.Headers.SetValue("Authorization", $"SharedKey {_credential.AccountName}:{_credential.ComputeSignature(stringToSign)}");
    }

    /// <summary>
    /// VERB, the standard headers (Content-Length empty when 0, Date empty because x-ms-date is used),
    /// the sorted x-ms-* headers, then "/account" + path and the sorted query parameters.
    /// </summary>
    public static string BuildStringToSign(Request request, string accountName)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentLength = Header(request, "Content-Length");
        if (contentLength.Length == 0 && request.Content is not null && request.Content.TryComputeLength(out var length))
        {
            contentLength = length.ToString(CultureInfo.InvariantCulture);
        }

        if (contentLength == "0")
        {
            contentLength = string.Empty;
        }

        var builder = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(contentLength).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append('\n') // Date: empty, x-ms-date is signed below
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        var uri = request.Uri.ToUri();
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath);
        foreach (var parameter in QueryParameters(uri.Query))
        {
            builder.Append('\n').Append(parameter.Key).Append(':').Append(parameter.Value);
        }

        return builder.ToString();
    }

    private static IEnumerable<KeyValuePair<string, string>> QueryParameters(string query)
    {
        if (query.Length <= 1)
        {
            return [];
        }

        return query[1..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return (Name: Uri.UnescapeDataString(name).ToLowerInvariant(), Value: Uri.UnescapeDataString(value));
            })
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, string.Join(',', g.Select(p => p.Value).Order(StringComparer.Ordinal))));
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value ?? string.Empty : string.Empty;
}
