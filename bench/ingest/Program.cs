using GitLabConnector.Bench.Ingest;

// `Bench.Ingest baseline` is the child process that serves the baseline endpoint; anything else runs the benchmark.
if (args is ["baseline", ..])
{
    await BaselineServer.RunAsync(args[1..]);
    return 0;
}

var settings = BenchSettings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine(BenchSettings.Usage);
    return 2;
}

return await IngestBenchmark.RunAsync(settings);
