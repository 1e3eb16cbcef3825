using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GitLabConnector.Resilience;

/// <summary>The connector's admin API as the suite uses it: connect against the fake GitLab, replace a token.</summary>
public sealed class AdminClient : IDisposable
{
    private readonly HttpClient _client;

    public AdminClient(Uri baseAddress)
    {
        _client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _client.DefaultRequestHeaders.Add("x-functions-key", SuiteEnvironment.AdminKey);
    }

    /// <summary><c>POST /api/connections</c>; returns the connection id and its webhook secret.</summary>
    public async Task<(string Id, string WebhookSecret)> ConnectAsync(Uri gitLabUrl, string token, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync(
            new Uri("api/connections", UriKind.Relative),
            new { name = "resilience", gitlabUrl = gitLabUrl.ToString(), token },
            cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"connect answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("webhookSecret").GetString()!);
    }

    /// <summary>
    /// <c>PUT /api/connections/{id}/token</c> (validates, stores, re-drives parked events). A 503 (storage overloaded
    /// by the load still running) is retried like an operator would, up to 10 times.
    /// </summary>
    public async Task ReplaceTokenAsync(string connectionId, string token, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await _client.PutAsJsonAsync(new Uri($"api/connections/{connectionId}/token", UriKind.Relative), new { token }, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 10)
            {
                throw new InvalidOperationException($"token replacement answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        }
    }

    /// <summary><c>POST /api/connections/{id}/sync</c>; returns the sync id.</summary>
    public async Task<string> StartSyncAsync(string connectionId, string since, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync(new Uri($"api/connections/{connectionId}/sync", UriKind.Relative), new { since }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"sync answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("syncId").GetString()!;
    }

    /// <summary><c>GET /api/connections/{id}/sync/{syncId}</c>; a connector still starting answers as a sync still running.</summary>
    public async Task<(string Status, int Published, int AlreadyKnown, string? Error)> SyncStatusAsync(string connectionId, string syncId, CancellationToken cancellationToken)
    {
        try
        {
            using var json = JsonDocument.Parse(await _client.GetStringAsync(new Uri($"api/connections/{connectionId}/sync/{syncId}", UriKind.Relative), cancellationToken));
            var counts = json.RootElement.GetProperty("counts");
            return (json.RootElement.GetProperty("status").GetString()!, counts.GetProperty("published").GetInt32(), counts.GetProperty("alreadyKnown").GetInt32(),
                json.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null);
        }
        catch (HttpRequestException)
        {
            return ("running", 0, 0, null);
        }
    }

    public void Dispose() => _client.Dispose();
}
