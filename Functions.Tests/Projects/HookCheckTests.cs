using System.Net;
using System.Text.Json.Nodes;
using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Projects;
using GitLabConnector.Sync;
using GitLabConnector.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabConnector.Tests.Projects;

/// <summary>The hook check the <c>sync</c> timer runs per connection, against the fake GitLab and Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HookCheckTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly SkippingTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ProjectsApp _app = null!;
    private HookCheck _check = null!;

    public async Task InitializeAsync()
    {
        _app = await ProjectsApp.StartAsync(azurite);
        _app.GitLab.State.HookHealth.Clock = _clock.GetUtcNow;

        // Resends wait 12 s apart on a clock that skips the wait.
        _check = ActivatorUtilities.CreateInstance<HookCheck>(_app.Services, ActivatorUtilities.CreateInstance<FailedDeliveryResender>(_app.Services, (TimeProvider)_clock));
    }

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
    public async Task Deliveries_failed_by_a_timeout_or_a_5xx_are_resent_oldest_first_12_s_apart_but_not_4xx_ones()
    {
        var (id, hookId) = await ConnectWithHookAsync(52);
        var health = _app.GitLab.State.HookHealth;
        var url = ProjectsApp.WebhookUrl(id);
        var timedOut = health.AddDelivery(hookId, "internal error", url);
        health.AddDelivery(hookId, "401", url);
        var failed = health.AddDelivery(hookId, "500", url);
        health.AddDelivery(hookId, "200", url);
        health.AddDelivery(hookId, "502", "https://old.example.com/hook");
        var throttled = health.AddDelivery(hookId, "429", url);

        await RunCheckAsync(id);
        await RunCheckAsync(id);

        Assert.Equal([timedOut, failed, throttled], health.Resends.Select(r => r.HookEventId));
        Assert.All(health.Resends.Zip(health.Resends.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= FailedDeliveryResender.Spacing));
        Assert.DoesNotContain(_app.GitLab.Requests.Entries, r => r.Status == 429);
    }

    [Fact]
    public async Task At_most_10_are_resent_a_run_and_the_rest_by_the_next_run()
    {
        var (id, hookId) = await ConnectWithHookAsync(58);
        var health = _app.GitLab.State.HookHealth;
        var failed = Enumerable.Range(0, 12).Select(_ => health.AddDelivery(hookId, "503", ProjectsApp.WebhookUrl(id))).ToList();

        await RunCheckAsync(id);
        Assert.Equal(failed.Take(FailedDeliveryResender.MaxPerRun), health.Resends.Select(r => r.HookEventId));
        Assert.Contains(_app.Logs.Entries, e => e.EventId.Id == 1730 && e.Message.Contains("2 left", StringComparison.Ordinal));

        await RunCheckAsync(id);
        Assert.Equal(failed, health.Resends.Select(r => r.HookEventId));
    }

    [Fact]
    public async Task The_10_resends_of_a_run_are_shared_by_the_connections_hooks()
    {
        var (id, first) = await ConnectWithHookAsync(63);
        _app.GitLab.State.AddProject(64);
        Assert.Equal(HttpStatusCode.Created, (await _app.Client.PostAsync($"/api/connections/{id}/projects/64/hook", null)).StatusCode);
        var second = _app.GitLab.State.Hooks(GitLabHookOwner.Project, 64).Single().Id;
        var health = _app.GitLab.State.HookHealth;
        foreach (var hook in new[] { first, second })
        {
            for (var i = 0; i < 6; i++)
            {
                health.AddDelivery(hook, "502", ProjectsApp.WebhookUrl(id));
            }
        }

        await RunCheckAsync(id);
        Assert.Equal(FailedDeliveryResender.MaxPerRun, health.Resends.Count);

        await RunCheckAsync(id);
        Assert.Equal(12, health.Resends.Count);
    }

    [Fact]
    public async Task The_sync_timer_runs_the_hook_check()
    {
        var (_, hookId) = await ConnectWithHookAsync(65);
        _app.GitLab.State.HookHealth.TestsSucceed = false;
        _app.GitLab.State.HookHealth.Disable(hookId);

        await _app.Services.GetRequiredService<ScheduledSync>().RunAsync(CancellationToken.None);

        Assert.Equal(hookId, Assert.Single(await _app.AlertsAsync()).GetProperty("hookId").GetInt64());
    }

    [Fact]
    public async Task A_delivery_the_connector_keeps_failing_is_resent_at_most_twice()
    {
        var (id, hookId) = await ConnectWithHookAsync(59);
        var health = _app.GitLab.State.HookHealth;
        health.ResendAnswer = "internal error";
        health.AddDelivery(hookId, "500", ProjectsApp.WebhookUrl(id));

        for (var run = 0; run < 4; run++)
        {
            await RunCheckAsync(id);
        }

        Assert.Equal(2, health.Resends.Count);
    }

    [Fact]
    public async Task Deliveries_seen_2_days_ago_are_not_resent_though_GitLab_gives_them_no_time()
    {
        var (id, hookId) = await ConnectWithHookAsync(60);
        var health = _app.GitLab.State.HookHealth;
        var old = health.AddDelivery(hookId, "internal error", ProjectsApp.WebhookUrl(id));
        _app.GitLab.Faults.FailNext(1, 503, "/resend");
        await RunCheckAsync(id);
        Assert.Empty(health.Resends);

        _clock.Advance(FailedDeliveryResender.Lookback + TimeSpan.FromMinutes(1));
        var recent = health.AddDelivery(hookId, "internal error", ProjectsApp.WebhookUrl(id));
        await RunCheckAsync(id);

        Assert.Equal([recent], health.Resends.Select(r => r.HookEventId));
        Assert.DoesNotContain(health.Resends, r => r.HookEventId == old);
    }

    [Fact]
    public async Task GitLabs_429_on_a_resend_stops_the_run_without_pausing_the_connections_other_calls()
    {
        var (id, hookId) = await ConnectWithHookAsync(62);
        var health = _app.GitLab.State.HookHealth;
        health.Clock = () => DateTimeOffset.UtcNow; // GitLab's own minute, which the skipping clock does not move
        var failed = Enumerable.Range(0, 7).Select(_ => health.AddDelivery(hookId, "500", ProjectsApp.WebhookUrl(id))).ToList();

        await RunCheckAsync(id);

        Assert.Equal(failed.Take(5), health.Resends.Select(r => r.HookEventId));
        Assert.Contains(_app.Logs.Entries, e => e.EventId.Id == 1731 && e.Message.Contains("429", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs.Entries, e => e.EventId.Id == 1202);
    }

    [Fact]
    public async Task Deliveries_already_resent_are_not_resent_by_a_later_run()
    {
        var (id, hookId) = await ConnectWithHookAsync(53);
        var health = _app.GitLab.State.HookHealth;
        var first = health.AddDelivery(hookId, "500", ProjectsApp.WebhookUrl(id));
        await RunCheckAsync(id);

        var second = health.AddDelivery(hookId, "503", ProjectsApp.WebhookUrl(id));
        await RunCheckAsync(id);

        Assert.Equal([first, second], health.Resends.Select(r => r.HookEventId));
    }

    [Fact]
    public async Task GitLab_older_than_17_4_gets_no_resend_and_a_log_line()
    {
        var (id, hookId) = await ConnectWithHookAsync(54);
        _app.GitLab.State.Version = "17.3.5-ee";
        _app.GitLab.State.HookHealth.AddDelivery(hookId, "500", ProjectsApp.WebhookUrl(id));

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
        health.AddDelivery(hookId, "500", ProjectsApp.WebhookUrl(id));
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

    private async Task RunCheckAsync(string id) => await _check.RunAsync(await _app.RecordAsync(id), CancellationToken.None);
}
