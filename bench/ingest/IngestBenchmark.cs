using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Bench.Ingest;

/// <summary>
/// One run: Azurite, the connector as a separate standalone process (ingest only, <c>Connector__Workers=false</c>, so
/// the events queue only accumulates), the baseline as a separate process, then for each round an open-loop run at
/// the target rate and a closed-loop max-throughput run against both, alternating which goes first.
/// </summary>
public static class IngestBenchmark
{
    public const string Payload = "gitlab-19/merge-request.json";
    private const string AppQueue = "bench-app-events";
    private const string BaselineQueue = "bench-baseline-events";

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var root = AzuriteFixture.FindRepositoryRoot();
        var appDll = settings.AppDll ?? Path.Combine(root, "Functions", "bin", "Release", "net10.0", "GitLabConnector.dll");
        if (!File.Exists(appDll))
        {
            Console.Error.WriteLine($"{appDll} not found: build with `dotnet build connector.sln -c Release` first");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("bench-ingest-").FullName;
        var payload = PayloadFixtures.Read(Payload);
        Log($"work directory {work}; payload {Payload} ({payload.Length} bytes)");

        using var azurite = AzuriteFixture.StartNew();
        var azuritePid = ProcFs.FindByArgument("--queuePort", azurite.QueuePort.ToString(CultureInfo.InvariantCulture));

        // Seed one connection (table row + webhook secret in a local secrets file) with the test host, then run the
        // real app over the same storage and secrets file.
        var secretsPath = Path.Combine(work, "secrets.json");
        TestConnections.Created connection;
        await using (var seed = await ConnectorAppHost.StartAsync(azurite, [new("Connector:LocalSecretsPath", secretsPath)]))
        {
            connection = await TestConnections.CreateAsync(seed);
        }

        var appUrl = $"http://127.0.0.1:{FreePort()}";
        await using var app = await ServerProcess.StartAsync("app", appDll, [], new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Connector__Urls"] = appUrl,
            ["Connector__PublicBaseUrl"] = appUrl,
            ["Connector__LocalSecretsPath"] = secretsPath,
            ["Connector__Workers"] = "false",
            ["Connector__Queues__Events"] = AppQueue,
            // The per-connection limiter (50/s by default) would answer 429 to a benchmark from one connection; it
            // still runs on every request, only with a ceiling the load never reaches.
            ["Connector__RateLimit__PermitsPerSecond"] = "100000",
            ["Connector__RateLimit__Burst"] = "100000",
        }, new Uri(appUrl), work);
        using var appTarget = new Target("app", app.BaseAddress, $"api/webhooks/gitlab/{connection.Id}", payload, connection.WebhookSecret);

        // The baseline's message matches the app's envelope in size: body + the envelope's overhead, measured here.
        var queues = azurite.CreateQueueService();
        var extraBytes = await MessageBytesAsync(queues, appTarget, AppQueue) - payload.Length;

        var baselineUrl = $"http://127.0.0.1:{FreePort()}";
        await using var baseline = await ServerProcess.StartAsync(
            "baseline",
            Path.Combine(AppContext.BaseDirectory, "Bench.Ingest.dll"),
            ["baseline", "--urls", baselineUrl, "--queue", BaselineQueue, "--extra-chars", extraBytes.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                // The app runs with server GC (Web SDK default); so does the baseline.
                ["DOTNET_gcServer"] = "1",
            },
            new Uri(baselineUrl),
            work);
        using var baselineTarget = new Target("baseline", baseline.BaseAddress, BaselineServer.Route, payload, connection.WebhookSecret);

        var warmup = TimeSpan.FromSeconds(settings.WarmupSeconds);
        foreach (var target in new[] { baselineTarget, appTarget })
        {
            // Both load shapes: the first open-loop window otherwise still pays for thread-pool ramp-up and JIT tiers.
            Log($"initial warm-up of {target.Name}");
            await LoadGenerator.ClosedLoopAsync(target, settings.Concurrency, warmup * 2);
            await LoadGenerator.OpenLoopAsync(target, settings.Rate, warmup * 2);
        }

        var servers = new Dictionary<Target, ServerProcess> { [appTarget] = app, [baselineTarget] = baseline };
        var measurements = new List<Measurement>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var order = round % 2 == 1 ? new[] { baselineTarget, appTarget } : [appTarget, baselineTarget];
            foreach (var target in order)
            {
                await LoadGenerator.OpenLoopAsync(target, settings.Rate, warmup);
                measurements.Add(await MeasureAsync(Scenario.Open, round, target, servers[target], azuritePid,
                    () => LoadGenerator.OpenLoopAsync(target, settings.Rate, TimeSpan.FromSeconds(settings.OpenSeconds))));
            }

            foreach (var target in order)
            {
                await LoadGenerator.ClosedLoopAsync(target, settings.Concurrency, warmup);
                measurements.Add(await MeasureAsync(Scenario.Closed, round, target, servers[target], azuritePid,
                    () => LoadGenerator.ClosedLoopAsync(target, settings.Concurrency, TimeSpan.FromSeconds(settings.ClosedSeconds))));
            }
        }

        var report = new Report(
            settings,
            payload.Length,
            await PeekBytesAsync(queues, AppQueue),
            await PeekBytesAsync(queues, BaselineQueue),
            measurements,
            app.Sample(),
            baseline.Sample(),
            appTarget.Failures.ToDictionary(),
            baselineTarget.Failures.ToDictionary());
        var markdown = report.ToMarkdown();
        Console.WriteLine(markdown);
        if (settings.OutputFile is { } output)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, markdown);
        }

        if (appTarget.Failures.IsEmpty && baselineTarget.Failures.IsEmpty)
        {
            Directory.Delete(work, recursive: true);
        }
        else
        {
            Log($"requests failed: the servers' logs are in {work}");
        }

        return 0;
    }

    private static async Task<Measurement> MeasureAsync(
        Scenario scenario, int round, Target target, ServerProcess server, int? azuritePid, Func<Task<LoadResult>> run)
    {
        Log($"round {round}: {scenario} {target.Name}");
        var before = server.Sample();
        var azuriteBefore = azuritePid is { } pid ? ProcFs.Sample(pid).CpuSeconds : double.NaN;
        var result = await run();
        var after = server.Sample();
        var azuriteAfter = azuritePid is { } pid2 ? ProcFs.Sample(pid2).CpuSeconds : double.NaN;
        return new Measurement(scenario, round, target.Name, result, after.CpuSeconds - before.CpuSeconds, azuriteAfter - azuriteBefore);
    }

    /// <summary>Sends one delivery and returns the UTF-8 size of the queue message it produced.</summary>
    private static async Task<int> MessageBytesAsync(QueueService queues, Target target, string queue)
    {
        using var request = target.CreateDelivery();
        using var response = await target.Client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"the app answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await PeekBytesAsync(queues, queue);
    }

    private static async Task<int> PeekBytesAsync(QueueService queues, string queue)
    {
        var messages = await queues.PeekMessagesAsync(queue, 1, CancellationToken.None);
        return messages.Count == 0 ? 0 : Encoding.UTF8.GetByteCount(messages[0].MessageText);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

public enum Scenario
{
    Open,
    Closed,
}

/// <summary>One measured window and the CPU seconds the server and Azurite spent in it.</summary>
public sealed record Measurement(Scenario Scenario, int Round, string Target, LoadResult Result, double ServerCpuSeconds, double AzuriteCpuSeconds);
