using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GitLabConnector.Tests.Fixtures;

/// <summary>One captured log entry: formatted message, structured values and exception text, for "never logs X" assertions.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, string State, string? Exception)
{
    /// <summary>Everything a log sink could see, in one string.</summary>
    public string AllText => $"{Category} {EventId} {Message} {State} {Exception}";
}

/// <summary>Captures every log entry in memory (all levels).</summary>
public sealed class InMemoryLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>Every entry's text, one per line, for "never logs X" assertions.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => e.AllText));

    public ILoggerFactory CreateFactory() => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : state?.ToString() ?? string.Empty;
            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
