using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GitLabConnector.Resilience;

/// <summary>
/// 7. Fuzz: <see cref="WebhookFuzzer"/> cases against an ingest-only connector process (workers off, so the events
/// queue holds exactly what ingestion wrote). Every answer must be a documented status (202, 400, 401, 403, 404, 413,
/// 415, 429), never 5xx; every 4xx a problem+json body; the process must stay up; and the queue must hold exactly
/// one message per 202 "queued" — nothing for rejected input.
/// </summary>
public sealed class FuzzScenario(int seed) : IScenario
{
    private const int MaxPayloadBytes = 64 * 1024;
    private const int Parallelism = 8;
    private static readonly int[] Documented = [202, 400, 401, 403, 404, 413, 415, 429];

    public string Name => $"7. fuzz webhook route (seed {seed})";

    public async Task<ScenarioResult> RunAsync(SuiteEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var mode = environment.Mode;
        using var connector = await ConnectorUnderTest.StartAsync(
            environment,
            "fuzz",
            new Dictionary<string, string>
            {
                ["Connector:Workers"] = "false",
                ["Connector:MaxPayloadBytes"] = MaxPayloadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            cancellationToken);
        var fuzzer = new WebhookFuzzer(connector.ConnectionId, connector.WebhookSecret, MaxPayloadBytes, seed);
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 })
        {
            BaseAddress = connector.Process.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

        var statuses = new ConcurrentDictionary<int, int>();
        var violations = new ConcurrentQueue<string>();
        var queued = 0;
        var refusedByServer = 0;
        await Parallel.ForAsync(0, mode.FuzzCases, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (index, ct) =>
        {
            var fuzzCase = fuzzer.Create(index);
            var (status, problem, wasQueued, detail) = await SendAsync(client, fuzzCase, ct);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (wasQueued)
            {
                Interlocked.Increment(ref queued);
            }

            if (!Documented.Contains(status))
            {
                violations.Enqueue($"{fuzzCase} → {(status == 0 ? "no answer" : status)}");
            }
            else if (!problem && ((status == 400 && HasNonAsciiHeader(fuzzCase)) || (status is 400 or 404 && LeavesTheRoute(fuzzCase))))
            {
                // Kestrel refuses non-ASCII header bytes and %00 in the path itself, and ".." normalises to a path no
                // route matches: a bare 400/404 before the webhook handler runs, nothing stored.
                Interlocked.Increment(ref refusedByServer);
            }
            else if (status >= 400 && !problem)
            {
                violations.Enqueue($"{fuzzCase} → {status} without problem+json: {detail}");
            }
        });

        var failures = new List<string>();
        if (!connector.Process.IsAlive)
        {
            failures.Add("the connector process died");
        }

        var inQueue = await environment.Queues.GetApproximateMessageCountAsync(connector.EventsQueue, cancellationToken);
        if (inQueue != queued)
        {
            failures.Add($"events queue holds {inQueue} messages for {queued} accepted deliveries");
        }

        foreach (var violation in violations.Take(5))
        {
            failures.Add(violation);
            Console.WriteLine("  fuzz violation: " + violation);
        }

        if (violations.Count > 5)
        {
            failures.Add($"… {violations.Count - 5} more violations");
        }

        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}×{s.Value}"));
        return new ScenarioResult
        {
            Scenario = Name,
            Sent = mode.FuzzCases,
            Accepted = queued,
            Enriched = 0,
            Status5xx = statuses.Where(s => s.Key >= 500).Sum(s => s.Value),
            Notes = $"answers: {summary}; {refusedByServer} bare answers from Kestrel/routing before the handler (non-ASCII header bytes, %00 or .. in the path: bare 400/404); queue holds {inQueue} (= accepted); workers off, so nothing is enriched",
            Failures = failures,
        };
    }

    private static bool LeavesTheRoute(FuzzCase fuzzCase) => fuzzCase.ConnectionSegment is ".." || fuzzCase.ConnectionSegment.Contains("%00", StringComparison.Ordinal);

    private static bool HasNonAsciiHeader(FuzzCase fuzzCase) =>
        fuzzCase.Headers.Any(h => h.Value.Any(c => c > 0x7E)) || (fuzzCase.ContentType?.Any(c => c > 0x7E) ?? false);

    private static async Task<(int Status, bool Problem, bool Queued, string Detail)> SendAsync(HttpClient client, FuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/gitlab/" + fuzzCase.ConnectionSegment)
        {
            Content = new ByteArrayContent(fuzzCase.Body),
        };
        request.Content.Headers.Remove("Content-Type");
        if (fuzzCase.ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzzCase.ContentType);
        }

        foreach (var (name, value) in fuzzCase.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            var queued = false;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (status == 202)
            {
                using var json = JsonDocument.Parse(text);
                queued = json.RootElement.GetProperty("status").GetString() == "queued";
            }

            return (status, problem, queued, $"{response.Content.Headers.ContentType} {text[..Math.Min(200, text.Length)]}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (0, false, false, e.Message);
        }
    }
}
