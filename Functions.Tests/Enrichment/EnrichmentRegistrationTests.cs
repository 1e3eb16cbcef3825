using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace GitLabConnector.Tests.Enrichment;

public sealed class EnrichmentRegistrationTests
{
    [Fact]
    public void Registers_the_event_enricher_with_every_kind_enricher()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Connector:Enrichment:MaxPushCommitStats"] = "5" })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(Substitute.For<IGitLabApi>())
            .AddSingleton(Substitute.For<GitLabConnector.Storage.IQueueService>())
            .AddSingleton(Substitute.For<Azure.Data.Tables.TableServiceClient>())
            .AddSingleton(sp => new GitLabConnector.Webhooks.DeliveryOutcomes(sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>(), TimeProvider.System)) // registered by AddWebhooks
            .AddSingleton(Substitute.For<GitLabConnector.Storage.IBlobService>())
            .AddSingleton(Substitute.For<GitLabConnector.Secrets.ISecretStore>())
            .AddSingleton(Substitute.For<GitLabConnector.Connections.IConnectionStore>())
                        .AddEnrichment(configuration);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(provider.GetRequiredService<EnrichmentProcessor>());
        Assert.NotNull(provider.GetRequiredService<EventEnricher>());
        Assert.IsType<NullUserEmailMap>(provider.GetRequiredService<IUserEmailMap>());
        Assert.Equal(
            ["commit", "issue", "merge_request", "note", "pipeline", "push", "tag_push", "work_item"],
            provider.GetServices<ISubjectEnricher>().SelectMany(e => e.Kinds).Order(StringComparer.Ordinal));
        Assert.Equal(5, provider.GetRequiredService<IOptions<EnrichmentOptions>>().Value.MaxPushCommitStats);
    }

    [Fact]
    public void Keeps_an_email_map_registered_before()
    {
        var map = Substitute.For<IUserEmailMap>();
        var services = new ServiceCollection()
            .AddSingleton(map)
            .AddEnrichment(new ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();

        Assert.Same(map, provider.GetRequiredService<IUserEmailMap>());
    }
}
