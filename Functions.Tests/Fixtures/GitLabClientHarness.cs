using GitLabConnector.GitLab;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitLabConnector.Tests.Fixtures;

/// <summary>The GitLab client built through the real <c>AddGitLab</c> registration, with test clock, fast backoff and captured logs.</summary>
public sealed class GitLabClientHarness : IDisposable
{
    private readonly ServiceProvider _services;

    private GitLabClientHarness(ServiceProvider services, InMemoryLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
        Api = services.GetRequiredService<IGitLabApi>();
    }

    public IGitLabApi Api { get; }

    public InMemoryLoggerProvider Logs { get; }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static GitLabClientHarness Create(Action<GitLabApiOptions>? configure = null, TimeProvider? time = null, bool allowInsecureUrls = true, IHostAddressResolver? resolver = null, TimeSpan? maxAdvertisedWait = null)
    {
        var logs = new InMemoryLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddOptions<GitLabApiOptions>().Configure(o =>
        {
            // The fake GitLab listens on loopback, which the address policy allows only with this flag.
            o.AllowInsecureGitLabUrls = allowInsecureUrls;
            o.Timeout = TimeSpan.FromSeconds(30);
            o.BudgetUtilization = 1.0;
            configure?.Invoke(o);
        });
        services.AddSingleton(time ?? TimeProvider.System);
        if (resolver is not null)
        {
            services.AddSingleton(resolver);
        }

        services.AddSingleton(new GitLabBackoff { BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200), MaxAdvertisedWait = maxAdvertisedWait ?? TimeSpan.FromMinutes(2) });
        services.AddGitLab(new ConfigurationBuilder().Build());
        return new GitLabClientHarness(services.BuildServiceProvider(), logs);
    }

    public void Dispose() => _services.Dispose();
}
