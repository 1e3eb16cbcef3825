using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabConnector.Admin;
using GitLabConnector.Connections;
using GitLabConnector.Hosting.Standalone;
using GitLabConnector.Projects;
using GitLabConnector.Storage;
using GitLabConnector.Sync;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitLabConnector.Tests.Projects;

/// <summary>
/// The standalone app (no workers) over Azurite and a local secrets file, talking to the fake GitLab over loopback HTTP;
/// the fake serves every list 2 items a page, so a single page never holds everything.
/// </summary>
public sealed class ProjectsApp : IAsyncDisposable
{
    public const string AdminKey = "projects-admin-key";
    public const string ApiToken = "glpat-projects-api-0123456789";
    public const string ReadToken = "glpat-projects-read-0123456789";

    private readonly string _secretsPath = Path.Combine(Path.GetTempPath(), $"projects-{Guid.NewGuid():N}.json");
    private WebApplication _app = null!;

    private ProjectsApp(FakeGitLabServer gitLab) => GitLab = gitLab;

    public FakeGitLabServer GitLab { get; }

    public HttpClient Client { get; private set; } = null!;

    public InMemoryLoggerProvider Logs { get; } = new();

    public string AlertsQueue { get; } = AzuriteFixture.NewQueueName("al");

    public IServiceProvider Services => _app.Services;

    public HookCheck HookCheck => Services.GetServices<IScheduledConnectionCheck>().OfType<HookCheck>().Single();

    public static async Task<ProjectsApp> StartAsync(AzuriteFixture azurite)
    {
        var gitLab = await FakeGitLabServer.StartAsync();
        gitLab.State.MaxPerPage = 2;
        gitLab.State.AddPersonalToken(ApiToken, expiresAt: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), scopes: ["api"]);
        gitLab.State.AddPersonalToken(ReadToken, expiresAt: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), scopes: ["read_api"]);
        var app = new ProjectsApp(gitLab);
        app._app = StandaloneApplication.Build([], b =>
        {
            b.WebHost.UseTestServer();
            b.Logging.ClearProviders().AddProvider(app.Logs).SetMinimumLevel(LogLevel.Information);
            b.Configuration["AzureWebJobsStorage"] = azurite.ConnectionString;
            b.Configuration["Connector:AdminKey"] = AdminKey;
            b.Configuration["Connector:Workers"] = "false";
            b.Configuration["Connector:AllowInsecureGitLabUrls"] = "true";
            b.Configuration["Connector:PublicBaseUrl"] = "https://connector.example.net";
            b.Configuration["Connector:LocalSecretsPath"] = app._secretsPath;
            b.Configuration["Connector:Queues:Events"] = AzuriteFixture.NewQueueName("ev");
            b.Configuration["Connector:Queues:Enriched"] = AzuriteFixture.NewQueueName("en");
            b.Configuration["Connector:Queues:Alerts"] = app.AlertsQueue;
        });
        await app._app.StartAsync();
        app.Client = app._app.GetTestClient();
        app.Client.DefaultRequestHeaders.Add(AdminKeyFilter.HeaderName, AdminKey);
        return app;
    }

    /// <summary>Connects with <paramref name="token"/>; returns the connection id.</summary>
    public async Task<string> ConnectAsync(string token = ApiToken)
    {
        var response = await Client.PostAsJsonAsync("/api/connections", new { name = "Projects", gitlabUrl = GitLab.BaseUrl.ToString(), token, events = new[] { "Push Hook", "Merge Request Hook" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static string WebhookUrl(string connectionId) => $"https://connector.example.net/api/webhooks/gitlab/{connectionId}";

    public async Task<ConnectionRecord> RecordAsync(string connectionId) =>
        (await Services.GetRequiredService<IConnectionStore>().GetAsync(connectionId, CancellationToken.None))!;

    public async Task<IReadOnlyList<JsonElement>> AlertsAsync()
    {
        var queues = Services.GetRequiredService<IQueueService>();
        try
        {
            var messages = await queues.PeekMessagesAsync(AlertsQueue, 32, CancellationToken.None);
            return [.. messages.Select(m => JsonDocument.Parse(m.MessageText).RootElement.Clone())];
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await GitLab.DisposeAsync();
        File.Delete(_secretsPath);
    }
}
