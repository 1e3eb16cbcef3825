using System.Globalization;

namespace GitLabConnector.Bench.Ingest;

/// <summary>Command-line settings. Defaults finish in under three minutes; <c>--quick</c> in about twenty seconds.</summary>
public sealed record BenchSettings
{
    public const string Usage =
        "usage: Bench.Ingest [--quick] [--rate N] [--open-seconds N] [--closed-seconds N] [--warmup-seconds N] " +
        "[--concurrency N] [--rounds N] [--app-dll PATH] [--out FILE]";

    /// <summary>Arrival rate of the open-loop run (requests per second).</summary>
    public double Rate { get; init; } = 200;

    public double OpenSeconds { get; init; } = 12;

    public double ClosedSeconds { get; init; } = 10;

    /// <summary>Load before each measured window, discarded (connections, JIT tiers, Azurite warm).</summary>
    public double WarmupSeconds { get; init; } = 3;

    /// <summary>Concurrent workers of the closed-loop (max throughput) run.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Each round measures baseline and app once per scenario, alternating which goes first.</summary>
    public int Rounds { get; init; } = 2;

    /// <summary>The built connector; defaults to Functions/bin/Release/net10.0/GitLabConnector.dll in the repository.</summary>
    public string? AppDll { get; init; }

    /// <summary>Also write the Markdown report here.</summary>
    public string? OutputFile { get; init; }

    public static BenchSettings? Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--quick" => settings with { OpenSeconds = 5, ClosedSeconds = 3, WarmupSeconds = 1, Rounds = 1 },
                "--rate" => settings with { Rate = Number() },
                "--open-seconds" => settings with { OpenSeconds = Number() },
                "--closed-seconds" => settings with { ClosedSeconds = Number() },
                "--warmup-seconds" => settings with { WarmupSeconds = Number() },
                "--concurrency" => settings with { Concurrency = (int)Number() },
                "--rounds" => settings with { Rounds = (int)Number() },
                "--app-dll" => settings with { AppDll = Next() },
                "--out" => settings with { OutputFile = Next() },
                _ => null,
            };
            if (settings is null)
            {
                return null;
            }
        }

        return settings;
    }
}
