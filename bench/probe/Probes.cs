using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

namespace GitLabConnector.Probe;

/// <summary>The hostile probes of issue 18, each returning its measured rows (name, value).</summary>
internal sealed class Probes(Instance instance, FakeGitLab gitLab, HttpClient http, Func<Deliveries> deliveries)
{
    private readonly List<(string Probe, string Measure, string Value)> _rows = [];

    public IReadOnlyList<(string Probe, string Measure, string Value)> Rows => _rows;

    /// <summary>16 concurrent unauthenticated 20 MB signed bodies (random signatures, valid-looking headers).</summary>
    public async Task SignedBodiesAsync()
    {
        const string name = "16 × 20 MB unauthenticated signed bodies";
        var idle = await SettledRssAsync();
        var body = new byte[20 * 1000 * 1000];
        Encoding.ASCII.GetBytes("{\"object_kind\":\"push\",\"x\":\"").CopyTo(body, 0);
        body.AsSpan(27, body.Length - 29).Fill((byte)'a');
        Encoding.ASCII.GetBytes("\"}").CopyTo(body, body.Length - 2);
        var d = deliveries();
        var watch = Stopwatch.StartNew();
        int[] statuses;
        long peak;
        await using (var rss = Rss.Watch(instance.ProcessId))
        {
            statuses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => d.SendAsync(d.Signed(body))));
            peak = rss.Peak;
        }

        watch.Stop();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var after = Rss.Read(instance.ProcessId);
        Add(name, "statuses", Tally(statuses));
        Add(name, "elapsed", $"{watch.ElapsedMilliseconds} ms");
        Add(name, "idle RSS", $"{Rss.Mb(idle)} MB");
        Add(name, "peak RSS − idle", $"{Rss.Mb(peak - idle)} MB");
        Add(name, "RSS 10 s after − idle", $"{Rss.Mb(after - idle)} MB");
    }

    /// <summary>600 bad signatures, then 600 bad tokens, each at 200/s, each followed by a genuine delivery.</summary>
    public async Task BadCredentialsAsync()
    {
        var d = deliveries();
        var small = Encoding.UTF8.GetBytes(Deliveries.PushBody);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var badSignatures = await PacedAsync(600, 200, () => d.SendAsync(d.Signed(small)));
        var genuine = await d.SendGenuineAsync();
        Add("600 bad signatures at 200/s", "statuses", Tally(badSignatures));
        Add("600 bad signatures at 200/s", "genuine token delivery right after", genuine.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await Task.Delay(TimeSpan.FromSeconds(5));
        var badTokens = await PacedAsync(600, 200, () => d.SendAsync(d.Token("not-the-secret-" + RandomNumberGenerator.GetHexString(8), small)));
        var genuineSigned = await d.SendGenuineSignedAsync();
        Add("600 bad tokens at 200/s", "statuses", Tally(badTokens));
        Add("600 bad tokens at 200/s", "genuine signed delivery right after", genuineSigned.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>An admin POST with no key and a 28 MB JSON body.</summary>
    public async Task AdminWithoutKeyAsync()
    {
        const string name = "admin, no key, 28 MB body";
        var idle = await SettledRssAsync();
        var body = new byte[28 * 1000 * 1000];
        Encoding.ASCII.GetBytes("{\"name\":\"").CopyTo(body, 0);
        body.AsSpan(9, body.Length - 11).Fill((byte)'a');
        Encoding.ASCII.GetBytes("\"}").CopyTo(body, body.Length - 2);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var watch = Stopwatch.StartNew();
        int status;
        long peak;
        await using (var rss = Rss.Watch(instance.ProcessId))
        {
            using var response = await http.PostAsync(new Uri(instance.BaseAddress, "/api/connections"), content);
            status = (int)response.StatusCode;
            watch.Stop();
            await Task.Delay(500);
            peak = rss.Peak;
        }

        Add(name, "status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(name, "time to answer", $"{watch.ElapsedMilliseconds} ms");
        Add(name, "peak RSS − idle", $"{Rss.Mb(peak - idle)} MB");
    }

    /// <summary>100 anonymous health checks: how many storage requests they cost, and what they reveal.</summary>
    public async Task AnonymousHealthAsync()
    {
        const string name = "100 anonymous /api/health";
        var before = StorageRequests(instance.AzuriteLog);
        string last = string.Empty;
        for (var i = 0; i < 100; i++)
        {
            using var response = await http.GetAsync(new Uri(instance.BaseAddress, "/api/health"));
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        await SettledAsync(instance.AzuriteLog);
        Add(name, "storage requests they caused", $"{StorageRequests(instance.AzuriteLog) - before}");
        Add(name, "last answer", Excerpt(last));
    }

    /// <summary>An admin POST with no key and a body that is not even JSON.</summary>
    public async Task AdminMalformedWithoutKeyAsync()
    {
        using var content = new StringContent("{", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(instance.BaseAddress, "/api/connections"), content);
        Add("admin, no key, body `{`", "status", ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A GitLab answering 300 MB to the connection test.</summary>
    public async Task HugeGitLabAsync()
    {
        const string name = "GitLab answering 300 MB (connection test)";
        var d = deliveries();
        var idle = await SettledRssAsync();
        gitLab.Huge = true;
        var watch = Stopwatch.StartNew();
        int status;
        string answer;
        long peak;
        await using (var rss = Rss.Watch(instance.ProcessId))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance.BaseAddress, $"/api/connections/{d.ConnectionId}/test"));
            request.Headers.Add("x-functions-key", Instance.AdminKey);
            using var response = await http.SendAsync(request);
            status = (int)response.StatusCode;
            answer = await response.Content.ReadAsStringAsync();
            watch.Stop();
            peak = rss.Peak;
        }

        gitLab.Huge = false;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var after = Rss.Read(instance.ProcessId);
        Add(name, "status / answer", $"{status} {Excerpt(answer)}");
        Add(name, "elapsed", $"{watch.ElapsedMilliseconds} ms");
        Add(name, "peak RSS − idle", $"{Rss.Mb(peak - idle)} MB");
        Add(name, "RSS 10 s after − idle", $"{Rss.Mb(after - idle)} MB");
    }

    /// <summary>10,000 random connection ids, then a genuine delivery: was the known connection read from the table again?</summary>
    public async Task RandomIdsAsync()
    {
        const string name = "10,000 random connection ids";
        var d = deliveries();
        var primed = await d.SendGenuineAsync();
        var logStart = Lines(instance.ConnectorLog);
        var tableStart = TableReads(instance.AzuriteLog, null);
        var small = Encoding.UTF8.GetBytes(Deliveries.PushBody);
        var watch = Stopwatch.StartNew();
        var statuses = new List<int>();
        var ids = Enumerable.Range(0, 10_000).Select(_ => RandomNumberGenerator.GetHexString(12, lowercase: true)).ToArray();
        foreach (var batch in ids.Chunk(32))
        {
            statuses.AddRange(await Task.WhenAll(batch.Select(id => d.SendAsync(d.Token("x", small, id)))));
        }

        watch.Stop();
        await SettledAsync(instance.AzuriteLog);
        var warnings = Lines(instance.ConnectorLog) - logStart;
        var tableReads = TableReads(instance.AzuriteLog, null) - tableStart;
        var knownBefore = TableReads(instance.AzuriteLog, d.ConnectionId);
        var genuine = await d.SendGenuineAsync();
        await SettledAsync(instance.AzuriteLog);
        var knownReread = TableReads(instance.AzuriteLog, d.ConnectionId) - knownBefore;
        Add(name, "statuses", Tally(statuses));
        Add(name, "elapsed", $"{watch.ElapsedMilliseconds} ms (primed delivery {primed})");
        Add(name, "connection-table reads during the flood", $"{tableReads}");
        Add(name, "connector log lines during the flood", $"{warnings}");
        Add(name, "genuine delivery after: status / table reads of its connection", $"{genuine} / {knownReread} ({(knownReread == 0 ? "served from cache" : "evicted, re-read")})");
    }

    /// <summary>A connection made to loopback while allowed, tested again after a restart that disallows it.</summary>
    public async Task LoopbackAfterDisallowAsync()
    {
        const string name = "loopback GitLab after AllowInsecureGitLabUrls=false";
        var d = deliveries();
        await instance.StartConnectorAsync(allowInsecureGitLabUrls: false);
        var calls = gitLab.Calls;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance.BaseAddress, $"/api/connections/{d.ConnectionId}/test"));
        request.Headers.Add("x-functions-key", Instance.AdminKey);
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        Add(name, "status / answer", $"{(int)response.StatusCode} {Excerpt(answer)}");
        Add(name, "calls that reached the loopback GitLab", $"{gitLab.Calls - calls}");
    }

    private async Task<long> SettledRssAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        return Rss.Read(instance.ProcessId);
    }

    // Azurite writes its request log behind the requests (seconds behind on a loaded machine): wait until it stops growing.
    private static async Task SettledAsync(string path)
    {
        var stable = 0;
        var length = -1L;
        while (stable < 3)
        {
            await Task.Delay(500);
            var now = new FileInfo(path).Length;
            stable = now == length ? stable + 1 : 0;
            length = now;
        }
    }

    private static async Task<int[]> PacedAsync(int count, int perSecond, Func<Task<int>> send)
    {
        var started = Stopwatch.StartNew();
        var tasks = new List<Task<int>>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond) - started.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            tasks.Add(send());
        }

        return await Task.WhenAll(tasks);
    }

    private static string Tally(IEnumerable<int> statuses) =>
        string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {(g.Key < 0 ? "reset" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}"));

    private static string Excerpt(string text) => text.Length <= 160 ? text : text[..160] + "…";

    private static int Lines(string path) => File.Exists(path) ? File.ReadLines(path).Count() : 0;

    // Azurite's debug log names each table request's URL; a point read of a connection names the table and its key.
    private static int TableReads(string path, string? connectionId)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains("RequestMethod=GET RequestURL=", StringComparison.Ordinal) && line.Contains("/connections(", StringComparison.Ordinal) &&
                (connectionId is null || line.Contains(connectionId, StringComparison.Ordinal)))
            {
                count++;
            }
        }

        return count;
    }

    private static int StorageRequests(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains("RequestMethod=", StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    private void Add(string probe, string measure, string value)
    {
        _rows.Add((probe, measure, value));
        Console.WriteLine($"{probe} | {measure} | {value}");
    }
}
