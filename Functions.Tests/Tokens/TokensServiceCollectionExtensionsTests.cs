using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;
using GitLabConnector.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace GitLabConnector.Tests.Tokens;

public sealed class TokensServiceCollectionExtensionsTests
{
    [Fact]
    public void Registers_the_token_monitor_timer_function_once()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Substitute.For<Azure.Data.Tables.TableServiceClient>());
        services.AddSingleton(Substitute.For<IQueueService>());
        services.AddSingleton(Substitute.For<ILeaseStore>());
        services.AddSingleton(Substitute.For<ISecretStore>());
        services.AddSingleton(Substitute.For<IGitLabApi>());
        services.AddSingleton(Substitute.For<IConnectionStore>());
        services.AddSingleton(Substitute.For<IParkedEvents>());
        var configuration = new ConfigurationBuilder().Build();
        services.AddTokens(configuration);
        services.AddTokens(configuration);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.Single(provider.GetServices<TokenMonitorRun>());
        Assert.IsType<TokenStatusMetricsRecorder>(provider.GetRequiredService<ITokenStatusStore>());
        Assert.Same(provider.GetRequiredService<PendingRotatedTokens>(), provider.GetRequiredService<PendingRotatedTokens>());
        Assert.Same(provider.GetRequiredService<TokenMonitor>(), Assert.Single(provider.GetServices<IAccessTokenEventHandler>()));
    }
}
