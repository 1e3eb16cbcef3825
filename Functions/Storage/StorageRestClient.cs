using System.Net.Http;
using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace GitLabConnector.Storage;

/// <summary>
/// Sends requests to one storage service endpoint and turns every failure (error status, unreachable,
/// timeout) into <see cref="StorageRequestFailedException"/>; caller cancellation still surfaces as cancellation.
/// </summary>
internal sealed class StorageRestClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly string _version;

    public StorageRestClient(HttpPipeline pipeline, Uri endpoint, string version)
    {
        _pipeline = pipeline;
        _endpoint = endpoint;
        _version = version;
    }

    /// <summary>A request to <paramref name="path"/> (already escaped, relative to the endpoint).</summary>
    public HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        var baseUri = _endpoint.AbsoluteUri.TrimEnd('/');
        request.Uri.Reset(new Uri(path.Length == 0 ? baseUri : baseUri + "/" + path.TrimStart('/')));
        request.Headers.SetValue("x-ms-version", _version);
        return message;
    }

    /// <summary>Sends; returns the response when its status is one of <paramref name="accepted"/>, otherwise throws.</summary>
    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] accepted)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or OperationCanceledException or HttpRequestException or IOException)
        {
            throw new StorageRequestFailedException(
                0, null, $"Storage is unreachable: {message.Request.Method} {Describe(message.Request)} failed ({ex.GetBaseException().Message})", ex);
        }

        var response = message.Response;
        if (Array.IndexOf(accepted, response.Status) >= 0)
        {
            return response;
        }

        throw CreateException(message.Request, response);
    }

    private static StorageRequestFailedException CreateException(Request request, Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        code ??= ErrorCodeFromBody(response);
        return new StorageRequestFailedException(
            response.Status,
            code,
            $"Storage request {request.Method} {Describe(request)} failed with status {response.Status}{(code is null ? string.Empty : $" ({code})")}.");
    }

    private static string? ErrorCodeFromBody(Response response)
    {
        var body = response.Content?.ToString();
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            if (body.TrimStart().StartsWith('{'))
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.TryGetProperty("odata.error", out var error) && error.TryGetProperty("code", out var code)
                    ? code.GetString()
                    : null;
            }

            return XDocument.Parse(body).Root?.Element("Code")?.Value;
        }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException)
        {
            return null;
        }
    }

    // Path only: query strings can carry pop receipts and are noise in messages.
    private static string Describe(Request request) => request.Uri.ToUri().AbsolutePath;
}
