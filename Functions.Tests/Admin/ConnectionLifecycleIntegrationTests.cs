using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabConnector.Admin;
using GitLabConnector.Hosting.Standalone;
using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Secrets;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tests.Fixtures.FakeGitLab;
using GitLabConnector.Tests.Fixtures.FakeKeyVault;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitLabConnector.Tests.Admin;

/// <summary>
/// The whole app (standalone mode) over Azurite, the fake GitLab and the fake Key Vault: connect → delivery accepted with
/// the returned secret → rotate → previous secret accepted during the overlap and refused after it (fake time) →
/// disconnect → deliveries get 404 and GitLab's hooks are gone.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConnectionLifecycleIntegrationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AdminKey = "integration-admin-key";
    private const string Token = "glpat-integration-0123456789abcdef";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _secretsPath = Path.Combine(Path.GetTempPath(), $"admin-it-{Guid.NewGuid():N}.json");
    private FakeGitLabServer _gitLab = null!;
    private FakeKeyVault _vault = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _gitLab = await FakeGitLabServer.StartAsync();
        _gitLab.State.AddPersonalToken(Token, expiresAt: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), scopes: ["api"]);
        _vault = await FakeKeyVault.StartAsync();
        var secrets = new KeyVaultSecretStore(_vault.CreateSecretClient(), NullLogger<KeyVaultSecretStore>.Instance);

        _app = StandaloneApplication.Build([], b =>
        {
            b.WebHost.UseTestServer();
            b.Logging.ClearProviders();
            b.Configuration["AzureWebJobsStorage"] = azurite.ConnectionString;
            b.Configuration["Connector:AdminKey"] = AdminKey;
            b.Configuration["Connector:AllowInsecureGitLabUrls"] = "true";
            b.Configuration["Connector:PublicBaseUrl"] = "https://connector.example.net";
            b.Configuration["Connector:SecretOverlap"] = "01:00:00";
            b.Configuration["Connector:LocalSecretsPath"] = _secretsPath;
            b.Configuration["Connector:Queues:Events"] = AzuriteFixture.NewQueueName("ev");
            b.Configuration["Connector:Queues:Enriched"] = AzuriteFixture.NewQueueName("en");
            b.Configuration["Connector:Queues:Alerts"] = AzuriteFixture.NewQueueName("al");
            b.Services.AddSingleton<TimeProvider>(_time);
            b.Services.AddSingleton<ISecretStore>(secrets);
        });
        await _app.StartAsync();
        _client = _app.GetTestClient();
        _client.DefaultRequestHeaders.Add(AdminKeyFilter.HeaderName, AdminKey);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _vault.DisposeAsync();
        await _gitLab.DisposeAsync();
        File.Delete(_secretsPath);
    }

    [Fact]
    public async Task Connect_deliver_rotate_overlap_and_disconnect()
    {
        var connect = await _client.PostAsJsonAsync("/api/connections", new
        {
            name = "Integration",
            gitlabUrl = _gitLab.BaseUrl.ToString(),
            token = Token,
            events = new[] { "Push Hook", "Merge Request Hook" },
            createHooks = new { projects = new[] { 77 } },
        });
        Assert.Equal(HttpStatusCode.Created, connect.StatusCode);
        var created = await connect.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        var firstSecret = created.GetProperty("webhookSecret").GetString()!;
        var hook = Assert.Single(_gitLab.State.Hooks(GitLabHookOwner.Project, 77));
        Assert.Equal(firstSecret, hook.RequestBody["token"]!.GetValue<string>());
        Assert.True(hook.RequestBody["push_events"]!.GetValue<bool>());
        Assert.True(hook.RequestBody["merge_requests_events"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(id, firstSecret)).StatusCode);

        var rotated = await (await _client.PostAsync($"/api/connections/{id}/webhook-secret/rotate", null)).Content.ReadFromJsonAsync<JsonElement>();
        var secondSecret = rotated.GetProperty("webhookSecret").GetString()!;
        Assert.Equal(secondSecret, _gitLab.State.Hooks(GitLabHookOwner.Project, 77).Single().RequestBody["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(id, secondSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(id, firstSecret)).StatusCode);

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Forbidden, (await DeliverAsync(id, firstSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(id, secondSecret)).StatusCode);

        var disconnect = await _client.DeleteAsync($"/api/connections/{id}");
        Assert.Equal(HttpStatusCode.OK, disconnect.StatusCode);
        Assert.Empty(_gitLab.State.Hooks(GitLabHookOwner.Project, 77));
        Assert.Equal(HttpStatusCode.NotFound, (await DeliverAsync(id, secondSecret)).StatusCode);
        var shown = await _client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}");
        Assert.Equal("disconnected", shown.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_replaced_token_shows_its_validated_state_at_once_and_the_connection_reads_healthy_again()
    {
        var connect = await _client.PostAsJsonAsync("/api/connections", new { name = "Token state", gitlabUrl = _gitLab.BaseUrl.ToString(), token = Token });
        var id = (await connect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        _gitLab.State.FindToken(Token)!.Revoked = true;
        await _app.Services.GetRequiredService<GitLabConnector.Tokens.TokenMonitor>().CheckConnectionAsync(id, default);
        var broken = await _client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}");
        Assert.False(broken.GetProperty("healthy").GetBoolean());
        Assert.NotEqual("ok", broken.GetProperty("tokenStatus").GetProperty("state").GetString());

        const string NewToken = "glpat-integration-replacement-0001";
        _gitLab.State.AddPersonalToken(NewToken, expiresAt: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), scopes: ["api"]);
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsJsonAsync($"/api/connections/{id}/token", new { token = NewToken })).StatusCode);

        // No monitor run in between: the PUT itself re-checked the token.
        var fixedUp = await _client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}");
        Assert.True(fixedUp.GetProperty("healthy").GetBoolean());
        Assert.True(fixedUp.GetProperty("tokenStatus").GetProperty("state").GetString() is "ok" or "rotated");
    }

    private async Task<HttpResponseMessage> DeliverAsync(string connectionId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/gitlab/{connectionId}")
        {
            Content = new ByteArrayContent(PayloadFixtures.Read("push.json")),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Gitlab-Event", "Push Hook");
        request.Headers.Add("X-Gitlab-Token", secret);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var anonymous = _app.GetTestClient();
        return await anonymous.SendAsync(request);
    }
}
