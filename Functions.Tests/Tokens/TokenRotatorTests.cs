using Microsoft.Extensions.Logging;
using GitLabConnector.GitLab;
using GitLabConnector.Storage;
using GitLabConnector.Tokens;
using NSubstitute;

namespace GitLabConnector.Tests.Tokens;

public sealed class TokenRotatorTests : IDisposable
{
    private readonly TokenHarness _h = new();

    public TokenRotatorTests()
    {
        _h.Options.AutoRotate = true;
        _h.Options.RotateWhenDaysLeft = 7;
        _h.Options.RotationLifetimeDays = 90;
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Does_not_rotate_when_auto_rotation_is_off_or_not_yet_due()
    {
        _h.GiveToken("glpat-a", daysLeft: 8);
        await _h.CheckAsync();
        _h.Options.AutoRotate = false;
        _h.Time.Advance(TimeSpan.FromDays(3));
        await _h.CheckAsync();

        Assert.Empty(_h.GitLab.RotateCalls);
    }

    [Fact]
    public async Task Project_access_token_is_detected_and_rotated_with_the_project_endpoint()
    {
        _h.GiveToken("glpat-p", daysLeft: 5, GitLabTokenKind.Project, resourceId: 42);

        var status = await _h.CheckAsync();

        var call = Assert.Single(_h.GitLab.RotateCalls);
        Assert.Equal(GitLabTokenKind.Project, call.Kind);
        Assert.Equal(42, call.ResourceId);
        Assert.Equal(_h.Today.AddDays(90), call.ExpiresAt);
        Assert.Equal("project", status!.Kind);
        Assert.Equal(42, status.ResourceId);
        Assert.Equal(TokenStates.Rotated, status.State);
    }

    [Fact]
    public async Task Successful_rotation_stores_the_new_token_with_expiry_and_tags_and_stops_using_the_old_one()
    {
        var old = _h.GiveToken("glpat-old", daysLeft: 6);
        var oldVersion = _h.Secrets.Latest(_h.SecretName)!.Version;

        var status = await _h.CheckAsync();

        var call = Assert.Single(_h.GitLab.RotateCalls);
        Assert.Equal(GitLabTokenKind.Personal, call.Kind);
        Assert.Null(call.ResourceId);
        Assert.Equal("glpat-old", call.TokenUsed);
        Assert.True(old.Revoked);

        var latest = _h.Secrets.Latest(_h.SecretName)!;
        Assert.NotEqual(oldVersion, latest.Version);
        Assert.StartsWith("glpat-rotated-", latest.Value, StringComparison.Ordinal);
        var expiry = _h.Today.AddDays(90);
        Assert.Equal(new DateTimeOffset(expiry.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), latest.ExpiresOn);
        Assert.Equal("personal", latest.Tags["kind"]);
        Assert.Equal("api", latest.Tags["scopes"]);
        Assert.Equal(_h.GitLab.Token(latest.Value).Id.ToString(System.Globalization.CultureInfo.InvariantCulture), latest.Tags["tokenId"]);

        Assert.Equal(TokenStates.Rotated, status!.State);
        Assert.Equal(latest.Version, status.SecretVersion);
        Assert.Equal(90, status.DaysLeft);
        Assert.Null(status.LastAlertThreshold);
        Assert.Null(status.RotationStartedAt);
        Assert.Single(_h.Alerts("token-rotated"));
        await _h.Parked.Received().RedriveAsync(TokenHarness.ConnectionId, Arg.Any<CancellationToken>());
        Assert.False(_h.Leases.IsHeld(TokenRotator.LeaseName(TokenHarness.ConnectionId)));

        // The next run uses the new token, finds it healthy and does not rotate again.
        _h.Time.Advance(TimeSpan.FromDays(1));
        var next = await _h.CheckAsync();
        Assert.Equal(latest.Value, _h.GitLab.TokensUsed[^1]);
        Assert.Equal(TokenStates.Ok, next!.State);
        Assert.Single(_h.GitLab.RotateCalls);
    }

    [Fact]
    public async Task Rotate_timeout_is_never_retried_and_needs_the_operator()
    {
        _h.GiveToken("glpat-old", daysLeft: 6);
        _h.GitLab.RotateException = new GitLabApiException(0, "timed out");

        var status = await _h.CheckAsync();

        Assert.Single(_h.GitLab.RotateCalls);
        Assert.Equal(TokenStates.RotationFailed, status!.State);
        var alert = Assert.Single(_h.Alerts("rotation-failed"));
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        Assert.Contains("PUT /api/connections/conn-1/token", alert.GetProperty("action").GetString(), StringComparison.Ordinal);
        Assert.Equal(LogLevel.Critical, Assert.Single(_h.Logs.WithId(1606)).Level);

        // Later runs never rotate again; GitLab did revoke the old token, which now shows as invalid.
        _h.GitLab.RotateException = null;
        for (var day = 0; day < 3; day++)
        {
            _h.Time.Advance(TimeSpan.FromDays(1));
            await _h.CheckAsync();
        }

        Assert.Single(_h.GitLab.RotateCalls);
        Assert.Single(_h.Alerts("rotation-failed"));
        Assert.Single(_h.Alerts("token-invalid"));
    }

    [Fact]
    public async Task Rotation_failed_state_persists_while_the_old_token_still_works_until_a_new_version_arrives()
    {
        _h.GiveToken("glpat-old", daysLeft: 6);
        _h.GitLab.RotateException = new GitLabApiException(400, "rotation failed");
        _h.GitLab.ApplyRotationBeforeThrowing = false;
        await _h.CheckAsync();
        _h.GitLab.RotateException = null;

        _h.Time.Advance(TimeSpan.FromDays(1));
        var stillFailed = await _h.CheckAsync();
        Assert.Equal(TokenStates.RotationFailed, stillFailed!.State);
        Assert.Equal(5, stillFailed.DaysLeft);

        _h.GitLab.AddToken("glpat-fresh", _h.Today.AddDays(200));
        _h.Secrets.Put(_h.SecretName, "glpat-fresh");
        var fixedStatus = await _h.CheckAsync();

        Assert.Equal(TokenStates.Rotated, fixedStatus!.State);
        Assert.Single(_h.GitLab.RotateCalls);
    }

    [Fact]
    public async Task Key_vault_write_failing_twice_then_succeeding_saves_the_token_with_one_rotate_call()
    {
        _h.GiveToken("glpat-old", daysLeft: 6);
        _h.Secrets.FailNextWrites = 2;

        var status = await _h.CheckAsync();

        Assert.Single(_h.GitLab.RotateCalls);
        Assert.Equal(3, _h.Secrets.WriteAttempts);
        Assert.Equal(2, _h.Logs.WithId(1617).Count);
        Assert.StartsWith("glpat-rotated-", _h.Secrets.Latest(_h.SecretName)!.Value, StringComparison.Ordinal);
        Assert.Equal(TokenStates.Rotated, status!.State);
        Assert.Empty(_h.Alerts("rotated-token-not-persisted"));
        Assert.Empty(_h.Pending.ConnectionIds);
    }

    [Fact]
    public async Task Key_vault_write_failing_every_time_holds_the_token_in_memory_and_the_next_run_persists_it_first()
    {
        _h.GiveToken("glpat-old", daysLeft: 6);
        _h.Secrets.FailAllWrites = true;

        var status = await _h.CheckAsync();

        Assert.Single(_h.GitLab.RotateCalls);
        Assert.Equal(5, _h.Secrets.WriteAttempts);
        Assert.Equal("glpat-old", _h.Secrets.Latest(_h.SecretName)!.Value);
        Assert.Single(_h.Pending.ConnectionIds);
        Assert.Equal(TokenStates.RotationFailed, status!.State);
        var alert = Assert.Single(_h.Alerts("rotated-token-not-persisted"));
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        Assert.Contains(LeaseOwner.Instance, alert.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(LogLevel.Critical, Assert.Single(_h.Logs.WithId(1607)).Level);

        // Still failing: the connection is skipped, the old (revoked) token is not used, nothing is rotated.
        _h.GitLab.TokensUsed.Clear();
        await _h.CreateRun().RunAsync(CancellationToken.None);
        Assert.Empty(_h.GitLab.TokensUsed);
        Assert.Single(_h.Pending.ConnectionIds);

        // The store recovers: the next run of the same process writes the held token before anything else.
        _h.Secrets.FailAllWrites = false;
        _h.Secrets.Operations.Clear();
        await _h.CreateRun().RunAsync(CancellationToken.None);

        Assert.Equal("set gitlab-conn-1-token", _h.Secrets.Operations[0]);
        Assert.Single(_h.GitLab.RotateCalls);
        Assert.Empty(_h.Pending.ConnectionIds);
        var latest = _h.Secrets.Latest(_h.SecretName)!;
        Assert.StartsWith("glpat-rotated-", latest.Value, StringComparison.Ordinal);
        var after = await _h.StatusAsync();
        Assert.Equal(latest.Version, after.SecretVersion);
        Assert.True(after.State is TokenStates.Rotated or TokenStates.Ok);
        Assert.Single(_h.Logs.WithId(1618));
    }

    [Fact]
    public async Task Two_monitors_at_once_rotate_once()
    {
        _h.GiveToken("glpat-old", daysLeft: 6);
        _h.GitLab.RotateGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = Task.Run(() => _h.CreateMonitor().CheckConnectionAsync(TokenHarness.ConnectionId, CancellationToken.None));
        await _h.GitLab.RotateEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Rotation in flight: a second instance's check (timer or hook) and a second timer run both stay out of its way.
        var second = await _h.CreateMonitor().CheckConnectionAsync(TokenHarness.ConnectionId, CancellationToken.None);
        _h.GitLab.RotateGate.SetResult();
        var firstStatus = await first;

        Assert.Null(second);
        Assert.Single(_h.GitLab.RotateCalls);
        Assert.Equal(TokenStates.Rotated, firstStatus!.State);

        // Both "instances" fire the timer together afterwards: nothing more is rotated.
        await Task.WhenAll(
            _h.CreateRun().RunAsync(CancellationToken.None),
            _h.CreateRun().RunAsync(CancellationToken.None));
        Assert.Single(_h.GitLab.RotateCalls);
    }

    [Fact]
    public async Task A_run_that_died_holding_the_lease_blocks_the_next_run_for_about_a_minute_at_most()
    {
        _h.GiveToken("glpat-ok", daysLeft: 60);
        // A run on an instance that crashed: its lease is never renewed nor released.
        Assert.NotNull(await _h.Leases.TryAcquireAsync(TokenMonitorRun.LeaseName, "crashed-instance", TokenMonitorRun.LeaseDuration, CancellationToken.None));

        _h.Time.Advance(TimeSpan.FromSeconds(30));
        await _h.CreateRun().RunAsync(CancellationToken.None);
        Assert.Single(_h.Logs.WithId(1610));
        Assert.Empty(_h.Logs.WithId(1611));

        _h.Time.Advance(TimeSpan.FromSeconds(31));
        await _h.CreateRun().RunAsync(CancellationToken.None);
        Assert.Single(_h.Logs.WithId(1611));
        Assert.True(TokenMonitorRun.LeaseDuration <= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Two_timer_functions_at_once_run_the_checks_once()
    {
        _h.GiveToken("glpat-old", daysLeft: 6);
        _h.GitLab.RotateGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = Task.Run(() => _h.CreateRun().RunAsync(CancellationToken.None));
        await _h.GitLab.RotateEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await _h.CreateRun().RunAsync(CancellationToken.None);
        _h.GitLab.RotateGate.SetResult();
        await first;

        Assert.Single(_h.GitLab.RotateCalls);
        Assert.Single(_h.Logs.WithId(1610));
        Assert.Single(_h.Logs.WithId(1611));
    }

    [Fact]
    public async Task Interrupted_rotation_found_later_becomes_rotation_failed_without_a_second_rotate_call()
    {
        _h.GiveToken("glpat-old", daysLeft: 6);
        _h.Options.AutoRotate = false;
        var checkedStatus = await _h.CheckAsync();

        // A crash right after the intent record was written (the lease has since expired).
        await _h.Statuses.SaveAsync(
            checkedStatus! with { State = TokenStates.Rotating, RotationStartedAt = _h.Time.GetUtcNow(), RotationOwner = "other/pid-1", RotationFromVersion = checkedStatus.SecretVersion },
            CancellationToken.None);
        _h.Options.AutoRotate = true;

        var status = await _h.CheckAsync();

        Assert.Empty(_h.GitLab.RotateCalls);
        Assert.Equal(TokenStates.RotationFailed, status!.State);
        Assert.Contains("interrupted", Assert.Single(_h.Alerts("rotation-failed")).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupted_rotation_whose_token_was_already_stored_completes_on_the_next_check()
    {
        _h.GiveToken("glpat-old", daysLeft: 6);
        _h.Options.AutoRotate = false;
        var checkedStatus = await _h.CheckAsync();
        await _h.Statuses.SaveAsync(
            checkedStatus! with { State = TokenStates.Rotating, RotationStartedAt = _h.Time.GetUtcNow(), RotationOwner = "other/pid-1", RotationFromVersion = checkedStatus.SecretVersion },
            CancellationToken.None);

        // The crash came after the new token was written.
        _h.GitLab.AddToken("glpat-rotated-x", _h.Today.AddDays(90));
        var newVersion = _h.Secrets.Put(_h.SecretName, "glpat-rotated-x").Version;

        var status = await _h.CheckAsync();

        Assert.Equal(TokenStates.Rotated, status!.State);
        Assert.Equal(newVersion, status.SecretVersion);
        Assert.Empty(_h.Alerts("rotation-failed"));
    }
}
