using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitLabConnector.Enrichment;
using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Projects;

[Collection(AzuriteCollection.Name)]
public sealed class ProjectsEndpointTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ProjectsApp _app = null!;

    public async Task InitializeAsync() => _app = await ProjectsApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Listing_follows_GitLabs_pages_and_shows_the_connectors_hook_with_GitLabs_alert_status()
    {
        var id = await _app.ConnectAsync();
        var state = _app.GitLab.State;
        foreach (var project in new long[] { 11, 12, 13, 14, 15 })
        {
            state.AddProject(project, new JsonObject { ["web_url"] = $"https://gitlab.example.com/group/project-{project}" });
        }

        // Project 13's hooks span two pages: ours is the third.
        state.SaveHook(GitLabHookOwner.Project, 13, null, new JsonObject { ["url"] = "https://elsewhere.example.com/a" });
        state.SaveHook(GitLabHookOwner.Project, 13, null, new JsonObject { ["url"] = "https://elsewhere.example.com/b" });
        var ours = state.SaveHook(GitLabHookOwner.Project, 13, null, new JsonObject { ["url"] = ProjectsApp.WebhookUrl(id), ["push_events"] = true, ["merge_requests_events"] = true });
        var until = new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
        state.HookHealth.Disable(ours.Id, until);
        state.SaveHook(GitLabHookOwner.Project, 14, null, new JsonObject { ["url"] = "https://elsewhere.example.com/c" });
        var lastEvent = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);
        await _app.Services.GetRequiredService<ProjectActivity>().RecordAsync(id, 13, lastEvent, CancellationToken.None);

        // The fake serves 2 a page: admin page n is GitLab's page n.
        var projects = new List<JsonElement>();
        for (int? page = 1; page is { } number; )
        {
            var body = await _app.Client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}/projects?page={number}");
            projects.AddRange(body.GetProperty("projects").EnumerateArray());
            page = body.GetProperty("nextPage").ValueKind == JsonValueKind.Null ? null : body.GetProperty("nextPage").GetInt32();
        }

        Assert.Equal([11L, 12, 13, 14, 15], projects.Select(p => p.GetProperty("id").GetInt64()));
        Assert.Equal("group/project-12", projects[1].GetProperty("path").GetString());
        Assert.Equal("https://gitlab.example.com/group/project-12", projects[1].GetProperty("webUrl").GetString());
        var hook = projects[2].GetProperty("hook");
        Assert.True(hook.GetProperty("installed").GetBoolean());
        Assert.Equal(ours.Id, hook.GetProperty("hookId").GetInt64());
        Assert.Equal("temporarily_disabled", hook.GetProperty("alertStatus").GetString());
        Assert.Equal(until, hook.GetProperty("disabledUntil").GetDateTimeOffset());
        Assert.Equal(["merge_requests_events", "push_events"], hook.GetProperty("events").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(lastEvent, projects[2].GetProperty("lastEventAt").GetDateTimeOffset());
        Assert.False(projects[3].GetProperty("hook").GetProperty("installed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, projects[3].GetProperty("lastEventAt").ValueKind);
        Assert.Equal(3, _app.GitLab.Requests.To("/projects", "GET").Count);
    }

    [Fact]
    public async Task Listing_pages_and_searches()
    {
        var id = await _app.ConnectAsync();
        _app.GitLab.State.MaxPerPage = 100;
        for (var project = 1; project <= 25; project++)
        {
            _app.GitLab.State.AddProject(project);
        }

        var second = await _app.Client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}/projects?page=2");
        var found = await _app.Client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}/projects?search=project-7");

        Assert.Equal([21L, 22, 23, 24, 25], second.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextPage").ValueKind);
        Assert.Equal(2, _app.GitLab.Requests.To("/projects", "GET").Count); // one GitLab page per admin page, not all of them
        Assert.Equal(7, Assert.Single(found.GetProperty("projects").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Client.GetAsync($"/api/connections/{id}/projects?page=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Client.GetAsync($"/api/connections/{id}/projects?page=two")).StatusCode);
    }

    [Fact]
    public async Task A_project_whose_hooks_the_token_may_not_read_shows_installed_null()
    {
        var id = await _app.ConnectAsync();
        _app.GitLab.State.AddProject(61);
        _app.GitLab.Faults.FailNext(1, 403, "/projects/61/hooks");

        var body = await _app.Client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}/projects");

        var hook = Assert.Single(body.GetProperty("projects").EnumerateArray()).GetProperty("hook");
        Assert.Equal(JsonValueKind.Null, hook.GetProperty("installed").ValueKind);
    }

    [Fact]
    public async Task Unknown_connection_is_404_and_a_disconnected_one_409_on_both_routes()
    {
        var id = await _app.ConnectAsync();
        Assert.Equal(HttpStatusCode.OK, (await _app.Client.DeleteAsync($"/api/connections/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _app.Client.GetAsync("/api/connections/nosuchconnection/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Client.PostAsync("/api/connections/nosuchconnection/projects/5/hook", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _app.Client.GetAsync($"/api/connections/{id}/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _app.Client.PostAsync($"/api/connections/{id}/projects/5/hook", null)).StatusCode);
    }

    [Fact]
    public async Task Creating_the_hook_answers_201_records_it_on_the_connection_and_disconnect_deletes_it()
    {
        var id = await _app.ConnectAsync();
        _app.GitLab.State.AddProject(21);

        var response = await _app.Client.PostAsync($"/api/connections/{id}/projects/21/hook", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var stored = Assert.Single(_app.GitLab.State.Hooks(GitLabHookOwner.Project, 21));
        Assert.Equal(stored.Id, body.GetProperty("hook").GetProperty("hookId").GetInt64());
        Assert.Equal(ProjectsApp.WebhookUrl(id), stored.RequestBody["url"]!.GetValue<string>());
        Assert.Equal(await WebhookSecretAsync(id), stored.RequestBody["token"]!.GetValue<string>());
        Assert.True(stored.RequestBody["merge_requests_events"]!.GetValue<bool>());
        Assert.False(stored.RequestBody["issues_events"]!.GetValue<bool>());
        Assert.Contains((await _app.RecordAsync(id)).Hooks, h => h.Owner == "project" && h.OwnerId == 21 && h.HookId == stored.Id);

        Assert.Equal(HttpStatusCode.OK, (await _app.Client.DeleteAsync($"/api/connections/{id}")).StatusCode);
        Assert.Empty(_app.GitLab.State.Hooks(GitLabHookOwner.Project, 21));
    }

    [Fact]
    public async Task Repairing_answers_200_with_url_secret_events_sent_again_and_the_hook_re_enabled()
    {
        var id = await _app.ConnectAsync();
        var state = _app.GitLab.State;
        state.AddProject(31);
        state.SaveHook(GitLabHookOwner.Project, 31, null, new JsonObject { ["url"] = "https://elsewhere.example.com/hook" });
        var broken = state.SaveHook(GitLabHookOwner.Project, 31, null, new JsonObject { ["url"] = ProjectsApp.WebhookUrl(id), ["issues_events"] = true });
        state.HookHealth.Disable(broken.Id);

        var response = await _app.Client.PostAsync($"/api/connections/{id}/projects/31/hook", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(broken.Id, body.GetProperty("hook").GetProperty("hookId").GetInt64());
        Assert.Equal("executable", body.GetProperty("hook").GetProperty("alertStatus").GetString());
        var repaired = state.Hooks(GitLabHookOwner.Project, 31).Single(h => h.Id == broken.Id);
        Assert.Equal(await WebhookSecretAsync(id), repaired.RequestBody["token"]!.GetValue<string>());
        Assert.True(repaired.RequestBody["push_events"]!.GetValue<bool>());
        Assert.False(repaired.RequestBody["issues_events"]!.GetValue<bool>());
        Assert.Equal([broken.Id], state.HookHealth.Tests);
        Assert.Equal(2, state.Hooks(GitLabHookOwner.Project, 31).Count);
        Assert.Contains((await _app.RecordAsync(id)).Hooks, h => h.OwnerId == 31 && h.HookId == broken.Id);
    }

    [Fact]
    public async Task Without_the_api_scope_the_hook_route_is_422_naming_the_scope_and_pointing_at_the_instructions()
    {
        var id = await _app.ConnectAsync(ProjectsApp.ReadToken);
        _app.GitLab.State.AddProject(41);

        var response = await _app.Client.PostAsync($"/api/connections/{id}/projects/41/hook", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("insufficient-scope", problem.GetProperty("reason").GetString());
        Assert.Equal("api", problem.GetProperty("missingScope").GetString());
        Assert.Equal($"/api/connections/{id}/instructions", problem.GetProperty("instructions").GetString());
        Assert.Contains("'api'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(_app.GitLab.State.Hooks(GitLabHookOwner.Project, 41));
        Assert.Empty((await _app.RecordAsync(id)).Hooks);
    }

    [Fact]
    public async Task GitLab_refusing_the_hook_is_422_hook_create_failed_with_its_message_and_records_nothing()
    {
        var id = await _app.ConnectAsync();
        _app.GitLab.State.AddProject(71);
        _app.GitLab.Faults.FailNext(1, 422, "POST /projects/71/hooks");

        var response = await _app.Client.PostAsync($"/api/connections/{id}/projects/71/hook", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("hook-create-failed", problem.GetProperty("reason").GetString());
        Assert.Contains("injected failure", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ProjectsApp.ApiToken, problem.ToString(), StringComparison.Ordinal);
        Assert.Empty((await _app.RecordAsync(id)).Hooks);
    }

    [Fact]
    public async Task GitLab_refusing_the_listing_with_403_is_422_insufficient_scope()
    {
        var id = await _app.ConnectAsync();
        _app.GitLab.Faults.FailNext(1, 403, "GET /projects");

        var response = await _app.Client.GetAsync($"/api/connections/{id}/projects");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("insufficient-scope", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_page_beyond_the_bound_is_400_not_an_overflow()
    {
        var id = await _app.ConnectAsync();

        var response = await _app.Client.GetAsync($"/api/connections/{id}/projects?page={int.MaxValue}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-page", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_hook_deleted_in_GitLab_is_replaced_on_the_connection_not_kept_beside_the_new_one()
    {
        var id = await _app.ConnectAsync();
        _app.GitLab.State.AddProject(81);
        Assert.Equal(HttpStatusCode.Created, (await _app.Client.PostAsync($"/api/connections/{id}/projects/81/hook", null)).StatusCode);
        _app.GitLab.State.RemoveHook(GitLabHookOwner.Project, 81, (await _app.RecordAsync(id)).Hooks.Single().HookId);

        Assert.Equal(HttpStatusCode.Created, (await _app.Client.PostAsync($"/api/connections/{id}/projects/81/hook", null)).StatusCode);

        var hook = Assert.Single((await _app.RecordAsync(id)).Hooks);
        Assert.Equal(_app.GitLab.State.Hooks(GitLabHookOwner.Project, 81).Single().Id, hook.HookId);
    }

    [Fact]
    public async Task Concurrent_creates_leave_one_hook_in_GitLab_recorded_once()
    {
        var id = await _app.ConnectAsync();
        _app.GitLab.State.AddProject(82);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => _app.Client.PostAsync($"/api/connections/{id}/projects/82/hook", null)));

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, a.StatusCode.ToString()));
        var hook = Assert.Single(_app.GitLab.State.Hooks(GitLabHookOwner.Project, 82));
        Assert.Equal(hook.Id, Assert.Single((await _app.RecordAsync(id)).Hooks).HookId);
    }

    [Fact]
    public async Task A_hook_created_while_the_connection_is_disconnected_is_deleted_again_and_not_recorded()
    {
        var id = await _app.ConnectAsync();
        _app.GitLab.State.AddProject(83);
        _app.GitLab.Requests.Clear();
        _app.GitLab.Faults.DelayNext(1, TimeSpan.FromSeconds(2), "/projects/83/hooks");

        var install = _app.Client.PostAsync($"/api/connections/{id}/projects/83/hook", null);
        while (!_app.GitLab.Requests.Entries.Any(r => r.Path.Contains("personal_access_tokens", StringComparison.Ordinal)))
        {
            await Task.Delay(10);
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.Client.DeleteAsync($"/api/connections/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await install).StatusCode);
        Assert.Contains(_app.GitLab.Requests.Entries, r => r.Method == "DELETE" && r.Path.StartsWith("/projects/83/hooks/", StringComparison.Ordinal));
        Assert.Empty(_app.GitLab.State.Hooks(GitLabHookOwner.Project, 83));
        Assert.Empty((await _app.RecordAsync(id)).Hooks);
    }

    private async Task<string> WebhookSecretAsync(string id) =>
        (await _app.Client.GetFromJsonAsync<JsonElement>($"/api/connections/{id}/instructions")).GetProperty("secretToken").GetString()!;
}
