using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;

namespace GitLabConnector.Tests.Tokens;

/// <summary>Captures log events (id, level, text) from every logger it creates.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public IReadOnlyList<(int EventId, LogLevel Level, string Message)> WithId(int eventId) => [.. Events.Where(e => e.EventId == eventId)];

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Events.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
    }
}
