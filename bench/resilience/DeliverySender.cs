using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace GitLabConnector.Resilience;

/// <summary>Sends deliveries as GitLab does (headers, JSON body) and records each answer in <see cref="Tally"/>.</summary>
public sealed class DeliverySender : IDisposable
{
    private const int MaxInFlight = 256;
    private readonly HttpClient _client;
    private readonly string _connectionId;
    private readonly string _webhookSecret;
    private readonly SemaphoreSlim _inFlight = new(MaxInFlight, MaxInFlight);

    public DeliverySender(Uri baseAddress, string connectionId, string webhookSecret, DeliveryTally? tally = null)
    {
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = MaxInFlight, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _connectionId = connectionId;
        _webhookSecret = webhookSecret;
        Tally = tally ?? new DeliveryTally();
    }

    public DeliveryTally Tally { get; }

    public async Task<int> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/webhooks/gitlab/{_connectionId}", UriKind.Relative))
        {
            Content = new ByteArrayContent(delivery.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Gitlab-Token", _webhookSecret);
        request.Headers.Add("X-Gitlab-Event", delivery.EventName);
        request.Headers.Add("Idempotency-Key", delivery.EventId);
        request.Headers.Add("X-Gitlab-Event-UUID", delivery.EventId);
        int status;
        var queued = false;
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            if (status == 202)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                queued = json.RootElement.GetProperty("status").GetString() == "queued";
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            status = 0;
        }

        Tally.Record(delivery, status, queued);
        return status;
    }

    /// <summary>
    /// Sends one group of deliveries (sent together, as a resend storm would) <paramref name="groupsPerSecond"/> times
    /// a second for <paramref name="duration"/>, without waiting for answers (at most 256 in flight), then waits for
    /// every answer. <paramref name="onSecond"/> runs once per elapsed second (fault schedules hang off it);
    /// <paramref name="extendWhile"/> keeps the load going past <paramref name="duration"/> (at most 4 times as long).
    /// </summary>
    public async Task RunPacedAsync(Func<IReadOnlyList<Delivery>> nextGroup, double groupsPerSecond, TimeSpan duration, Func<int, Task>? onSecond, CancellationToken cancellationToken, Func<bool>? extendWhile = null)
    {
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        var total = (int)Math.Round(groupsPerSecond * duration.TotalSeconds);
        var second = 0;
        for (var i = 0; i < total || (i < total * 4 && extendWhile is not null && extendWhile()); i++)
        {
            var due = TimeSpan.FromSeconds(i / groupsPerSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            while (onSecond is not null && clock.Elapsed.TotalSeconds >= second)
            {
                await onSecond(second++);
            }

            foreach (var delivery in nextGroup())
            {
                await _inFlight.WaitAsync(cancellationToken);
                pending.Add(SendReleasingAsync(delivery, cancellationToken));
            }

            pending.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(pending);
    }

    public void Dispose()
    {
        _client.Dispose();
        _inFlight.Dispose();
    }

    private async Task SendReleasingAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(delivery, cancellationToken);
        }
        finally
        {
            _inFlight.Release();
        }
    }
}
