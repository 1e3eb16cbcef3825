using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace GitLabConnector.Storage;

/// <summary>
/// Signs Table requests with <c>SharedKeyLite</c>: <c>x-ms-date + "\n" + "/" + account + path</c>
/// (plus <c>?comp=</c> when present). Runs once per try so each retry carries a fresh date.
/// </summary>
public sealed class TableSharedKeyLitePolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKeyCredential _credential;
    private readonly TimeProvider _timeProvider;

    public TableSharedKeyLitePolicy(StorageSharedKeyCredential credential, TimeProvider? timeProvider = null)
    {
        _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var date = _timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var stringToSign = BuildStringToSign(date, message.Request.Uri.ToUri(), _credential.AccountName);
        message.Request.Headers.SetValue("Authorization", $"SharedKeyLite {_credential.AccountName}:{_credential.ComputeSignature(stringToSign)}");
    }

    public static string BuildStringToSign(string date, Uri uri, string accountName)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var path = uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath;
        var resource = "/" + accountName + path;
        var comp = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(p => p.StartsWith("comp=", StringComparison.OrdinalIgnoreCase));
        if (comp is not null)
        {
            resource += "?comp=" + Uri.UnescapeDataString(comp["comp=".Length..]);
        }

        return date + "\n" + resource;
    }
}
