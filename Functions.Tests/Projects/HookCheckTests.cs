using System.Net;
using System.Text.Json.Nodes;
using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Projects;

/// <summary>The hook check the <c>sync</c> timer runs per connection, against the fake GitLab and Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HookCheckTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ProjectsApp _app = null!;

    public async Task InitializeAsync() => _app = await ProjectsApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_disabled_hook_raises_one_alert_per_disable_episode_and_is_re_enabled_with_an_api_token()
    {
        var (id, hookId) = await ConnectWithHookAsync(51);
        var health = _app.GitLab.State.HookHealth;
        health.TestsSucceed = false;
        health.Disable(hookId, DateTimeOffset.UtcNow.AddMinutes(4));

        await RunCheckAsync(id);
        await RunCheckAsync(id);

        var alert = Assert.Single(await _app.AlertsAsync());
        Assert.Equal("gitlab-connector/alert@1", alert.GetProperty("schema").GetString());
        Assert.Equal("hook-disabled", alert.GetProperty("kind").GetString());
        Assert.Equal("temporarily_disabled", alert.GetProperty("state").GetString());
        Assert.Equal(id, alert.GetProperty("connectionId").GetString());
        Assert.Equal(hookId, alert.GetProperty("hookId").GetInt64());
        Assert.Equal(51, alert.GetProperty("ownerId").GetInt64());
        Assert.Equal([hookId, hookId], health.Tests);

        // The test delivery succeeds: re-enabled, the episode ends; a later disable is a new episode, alerted again.
        health.TestsSucceed = true;
        await RunCheckAsync(id);
        Assert.Equal("executable", health.StatusOf(hookId).Status);
        await RunCheckAsync(id);
        Assert.Single(await _app.AlertsAsync());

        health.Disable(hookId);
        await RunCheckAsync(id);
        await RunCheckAsync(id);

        var alerts = await _app.AlertsAsync();
        Assert.Equal(2, alerts.Count);
        Assert.Equal("disabled", alerts[1].GetProperty("state").GetString());
        Assert.Equal("error", alerts[1].GetProperty("severity").GetString());
        Assert.Contains(_app.Logs.Entries, e => e.EventId.Id == 1712);
    }

    [Fact]
    public async Task Failed_deliveries_of_the_last_2_days_are_resent_oldest_first_at_most_5_a_minute_and_never_twice()
    {
        var (id, hookId) = await ConnectWithHookAsync(52);
        var health = _app.GitLab.State.HookHealth;
        var url = ProjectsApp.WebhookUrl(id);
        var now = DateTimeOffset.UtcNow;
        var tooOld = health.AddDelivery(hookId, 500, now.AddDays(-3), url);
        var failed = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            failed.Add(health.AddDelivery(hookId, i % 2 == 0 ? 500 : 404, now.AddHours(-40 + i), url));
        }

        health.AddDelivery(hookId, 200, now.AddHours(-1), url);
        var toOldUrl = health.AddDelivery(hookId, 502, now.AddHours(-1), "https://old.example.com/hook");

        await RunCheckAsync(id);
        await RunCheckAsync(id);

        Assert.Equal(failed.Take(5), health.Resends.Select(r => r.HookEventId));
        Assert.DoesNotContain(_app.GitLab.Requests.Entries, r => r.Status == 429);
        Assert.DoesNotContain(health.Resends, r => r.HookEventId == tooOld || r.HookEventId == toOldUrl);
        Assert.Contains(_app.Logs.Entries, e => e.EventId.Id == 1730 && e.Message.Contains("2 left", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deliveries_already_resent_are_not_resent_by_a_later_run()
    {
        var (id, hookId) = await ConnectWithHookAsync(53);
        var health = _app.GitLab.State.HookHealth;
        var first = health.AddDelivery(hookId, 500, DateTimeOffset.UtcNow.AddHours(-2), ProjectsApp.WebhookUrl(id));
        await RunCheckAsync(id);

        var second = health.AddDelivery(hookId, 503, DateTimeOffset.UtcNow.AddMinutes(-5), ProjectsApp.WebhookUrl(id));
        await RunCheckAsync(id);

        Assert.Equal([first, second], health.Resends.Select(r => r.HookEventId));
    }

    [Fact]
    public async Task GitLab_older_than_17_4_gets_no_resend_and_a_log_line()
    {
        var (id, hookId) = await ConnectWithHookAsync(54);
        _app.GitLab.State.Version = "17.3.5-ee";
        _app.GitLab.State.HookHealth.AddDelivery(hookId, 500, DateTimeOffset.UtcNow.AddHours(-1), ProjectsApp.WebhookUrl(id));

        await RunCheckAsync(id);

        Assert.Empty(_app.GitLab.State.HookHealth.Resends);
        Assert.DoesNotContain(_app.GitLab.Requests.Entries, r => r.Path.EndsWith("/events", StringComparison.Ordinal));
        Assert.Contains(_app.Logs.Entries, e => e.EventId.Id == 1720 && e.Message.Contains("17.4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_without_api_alerts_but_attempts_no_re_enable_and_no_resend_and_logs_why()
    {
        // A hook made with an api token that was later replaced by a read_api one (the admin API refuses that swap).
        var id = await _app.ConnectAsync(ProjectsApp.ReadToken);
        var hookId = _app.GitLab.State.SaveHook(GitLabHookOwner.Project, 55, null, new JsonObject { ["url"] = ProjectsApp.WebhookUrl(id) }).Id;
        var store = _app.Services.GetRequiredService<IConnectionStore>();
        await store.UpdateAsync((await _app.RecordAsync(id)) with { Hooks = [new CreatedHook("project", 55, hookId)] }, CancellationToken.None);
        var health = _app.GitLab.State.HookHealth;
        health.AddDelivery(hookId, 500, DateTimeOffset.UtcNow.AddHours(-1), ProjectsApp.WebhookUrl(id));
        health.Disable(hookId);
        _app.GitLab.Requests.Clear();

        await RunCheckAsync(id);
        await RunCheckAsync(id);

        Assert.Single(await _app.AlertsAsync());
        Assert.Empty(health.Tests);
        Assert.Empty(health.Resends);
        Assert.Equal("disabled", health.StatusOf(hookId).Status);
        Assert.DoesNotContain(_app.GitLab.Requests.Entries, r => r.Method != "GET");
        Assert.Contains(_app.Logs.Entries, e => e.EventId.Id == 1720 && e.Message.Contains("api scope", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hook_deleted_in_GitLab_is_logged_and_the_others_are_still_checked()
    {
        var (id, goneHook) = await ConnectWithHookAsync(56);
        _app.GitLab.State.AddProject(57);
        Assert.Equal(HttpStatusCode.Created, (await _app.Client.PostAsync($"/api/connections/{id}/projects/57/hook", null)).StatusCode);
        var disabled = _app.GitLab.State.Hooks(GitLabHookOwner.Project, 57).Single().Id;
        _app.GitLab.State.RemoveHook(GitLabHookOwner.Project, 56, goneHook);
        _app.GitLab.State.HookHealth.Disable(disabled);

        await RunCheckAsync(id);

        Assert.Contains(_app.Logs.Entries, e => e.EventId.Id == 1723);
        Assert.Equal(disabled, Assert.Single(await _app.AlertsAsync()).GetProperty("hookId").GetInt64());
        Assert.Equal(disabled, Assert.Single((await _app.RecordAsync(id)).Hooks).HookId);
    }

    private async Task<(string Id, long HookId)> ConnectWithHookAsync(long projectId)
    {
        var id = await _app.ConnectAsync();
        _app.GitLab.State.AddProject(projectId);
        Assert.Equal(HttpStatusCode.Created, (await _app.Client.PostAsync($"/api/connections/{id}/projects/{projectId}/hook", null)).StatusCode);
        return (id, _app.GitLab.State.Hooks(GitLabHookOwner.Project, projectId).Single().Id);
    }

    private async Task RunCheckAsync(string id) => await _app.HookCheck.RunAsync(await _app.RecordAsync(id), CancellationToken.None);
}
