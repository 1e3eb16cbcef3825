using System.Collections;
using Microsoft.Extensions.Logging.ApplicationInsights;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Telemetry;

/// <summary>
/// Application Insights' logger with the numeric log event id kept: AI writes it as <c>EventId</c>, which our own
/// <c>{EventId}</c> message and scope values then overwrite. This provider adds it again as
/// <see cref="TelemetryNames.Logs.LogEventIdProperty"/>, which alert queries use.
/// </summary>
[ProviderAlias("ApplicationInsights")]
public sealed class LogEventIdLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ApplicationInsightsLoggerProvider _inner;

    public LogEventIdLoggerProvider(IOptions<Microsoft.ApplicationInsights.Extensibility.TelemetryConfiguration> configuration, IOptions<ApplicationInsightsLoggerOptions> options) =>
        _inner = new ApplicationInsightsLoggerProvider(configuration, options);

    public ILogger CreateLogger(string categoryName) => new Logger(_inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _inner.SetScopeProvider(scopeProvider);

    public void Dispose() => _inner.Dispose();

    private sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            inner.Log(logLevel, eventId, new State<TState>(state, eventId.Id), exception, (s, e) => formatter(s.Inner, e));
        }
    }

    private sealed class State<TState>(TState inner, int logEventId) : IReadOnlyCollection<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _pairs = Pairs(inner, logEventId);

        public TState Inner { get; } = inner;

        public int Count => _pairs.Count;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _pairs.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string? ToString() => Inner?.ToString();

        private static List<KeyValuePair<string, object?>> Pairs(TState state, int logEventId)
        {
            var pairs = state is IEnumerable<KeyValuePair<string, object?>> values ? values.ToList() : [];
            if (logEventId != 0)
            {
                pairs.Add(new(TelemetryNames.Logs.LogEventIdProperty, logEventId));
            }

            return pairs;
        }
    }
}
