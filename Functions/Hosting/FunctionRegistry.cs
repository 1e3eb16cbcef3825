namespace GitLabConnector.Hosting;

/// <summary>
/// The queue and timer functions registered in DI (<see cref="IQueueFunction"/>, <see cref="ITimerFunction"/>),
/// by name. Two functions with one name are a wiring mistake and fail start-up.
/// </summary>
public sealed class FunctionRegistry
{
    private readonly Dictionary<string, IQueueFunction> _queues;
    private readonly Dictionary<string, ITimerFunction> _timers;

    public FunctionRegistry(IEnumerable<IQueueFunction> queueFunctions, IEnumerable<ITimerFunction> timerFunctions)
    {
        _queues = Index(queueFunctions, f => f.FunctionName);
        _timers = Index(timerFunctions, f => f.FunctionName);
        if (_queues.Keys.Intersect(_timers.Keys, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } clash)
        {
            throw new InvalidOperationException($"Function '{clash}' is registered as both a queue and a timer function");
        }
    }

    public IReadOnlyCollection<IQueueFunction> QueueFunctions => _queues.Values;

    public IReadOnlyCollection<ITimerFunction> TimerFunctions => _timers.Values;

    public IQueueFunction? FindQueueFunction(string name) => _queues.GetValueOrDefault(name);

    public ITimerFunction? FindTimerFunction(string name) => _timers.GetValueOrDefault(name);

    private static Dictionary<string, T> Index<T>(IEnumerable<T> functions, Func<T, string> name)
    {
        var index = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in functions)
        {
            if (!index.TryAdd(name(function), function))
            {
                throw new InvalidOperationException($"Two functions are registered with the name '{name(function)}'");
            }
        }

        return index;
    }
}
