using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabConnector.Admin;
using GitLabConnector.Configuration;
using GitLabConnector.Connections;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using GitLabConnector.Secrets;
using GitLabConnector.Tests.Connections;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NSubstitute;

namespace GitLabConnector.Tests.Admin;

/// <summary>
/// The admin endpoints in-process on a TestServer with the real handlers and filters; GitLab, parked events, token
/// status, dead letters, the user map and DNS are substitutes; secrets and the registry are in memory.
/// </summary>
public sealed class AdminApiHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string GitLabToken = "glpat-abcdefghijklmnopqrstuvwxyz";
    public static readonly Uri GitLabUrl = new("https://gitlab.example.com");

    private WebApplication? _app;

    public FakeTimeProvider Time { get; } = new();
    public IGitLabApi GitLab { get; } = Substitute.For<IGitLabApi>();
    public InMemorySecretStore Secrets { get; } = new();
    public InMemoryConnectionStore Store { get; } = new();
    public IParkedEvents Parked { get; } = Substitute.For<IParkedEvents>();
    public ITokenStatusStore TokenStatus { get; } = Substitute.For<ITokenStatusStore>();
    public IDeadLetters DeadLetters { get; } = Substitute.For<IDeadLetters>();
    public IUserEmailMap UserMap { get; } = Substitute.For<IUserEmailMap>();
    public IHostAddressResolver Resolver { get; } = Substitute.For<IHostAddressResolver>();
    public AdminOptions Options { get; } = new() { AdminKey = AdminKey, PublicBaseUrl = new Uri("https://connector.example.net") };
    public bool FunctionsMode { get; set; }
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    public HttpClient Client { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public AdminApiHost()
    {
        Resolver.ResolveAsync("gitlab.example.com", Arg.Any<CancellationToken>()).Returns([IPAddress.Parse("203.0.113.10")]);
        GitLabReturns(["api"]);
        DeadLetters.ListAsync(Arg.Any<string?>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([]);
    }

    public void GitLabReturns(string[] scopes, DateOnly? expiresAt = null, string username = "alice")
    {
        GitLab.GetCurrentUserAsync(Arg.Any<GitLabConnection>(), Arg.Any<CancellationToken>())
            .Returns(new GitLabUser(7, username, "Alice", null, username.Contains("_bot", StringComparison.Ordinal), null));
        GitLab.GetTokenSelfAsync(Arg.Any<GitLabConnection>(), Arg.Any<CancellationToken>())
            .Returns(new GitLabTokenInfo(42, "connector", scopes, expiresAt ?? new DateOnly(2027, 3, 1), true, false, 7, null));
    }

    public async Task<AdminApiHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var services = builder.Services;
        services.AddSingleton(new HostingMode(FunctionsMode, "http://127.0.0.1:0"));
        services.AddSingleton<TimeProvider>(Time);
        services.AddProblemDetails();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
        services.AddConnections(builder.Configuration);
        services.AddAdmin(builder.Configuration);
        services.Replace(ServiceDescriptor.Singleton<IConnectionStore>(Store));
        services.Replace(ServiceDescriptor.Singleton<IUserEmailMap>(UserMap));
        services.Replace(ServiceDescriptor.Singleton(Resolver));
        services.AddSingleton<ISecretStore>(Secrets);
        services.AddSingleton(GitLab);
        services.AddSingleton(Parked);
        services.AddSingleton(TokenStatus);
        services.AddSingleton(DeadLetters);
        ConfigureServices?.Invoke(services);

        _app = builder.Build();
        _app.MapGroup("/api").MapAdmin();
        await _app.StartAsync();
        Client = _app.GetTestClient();
        Client.DefaultRequestHeaders.Add(AdminKeyFilter.HeaderName, AdminKey);
        return this;
    }

    /// <summary>Connects with the default token and returns the 201 body.</summary>
    public async Task<JsonElement> ConnectAsync(object? body = null)
    {
        var response = await Client.PostAsJsonAsync("/api/connections", body ?? new { name = "Team A", gitlabUrl = "https://gitlab.example.com/", token = GitLabToken });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
