using System.Text.Json;
using GitLabConnector.GitLab;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using GitLabConnector.Tokens;
using NSubstitute;

namespace GitLabConnector.Tests.Tokens;

public sealed class TokenMonitorTests : IDisposable
{
    private readonly TokenHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Alerts_once_per_threshold_day_by_day_and_never_again_after_restarts()
    {
        _h.GiveToken("glpat-a", daysLeft: 35);
        var alertedAt = new List<(int DaysLeft, int Threshold)>();

        for (var daysLeft = 35; daysLeft >= 1; daysLeft--)
        {
            var before = _h.Alerts("token-expiring").Count;

            // A new monitor every day: a restart must not re-alert.
            var status = await _h.CreateMonitor().CheckConnectionAsync(TokenHarness.ConnectionId, CancellationToken.None);
            Assert.Equal(daysLeft, status!.DaysLeft);
            var newAlerts = _h.Alerts("token-expiring").Skip(before).ToList();
            Assert.True(newAlerts.Count <= 1);
            alertedAt.AddRange(newAlerts.Select(a => (a.GetProperty("daysLeft").GetInt32(), a.GetProperty("threshold").GetInt32())));

            // A second run the same day (another restart) changes nothing.
            await _h.CheckAsync();
            Assert.Equal(before + newAlerts.Count, _h.Alerts("token-expiring").Count);

            _h.Time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal([(30, 30), (14, 14), (7, 7), (3, 3), (1, 1)], alertedAt);
        Assert.Equal(5, _h.Logs.WithId(1601).Count);

        // Expiry day: GitLab answers 401; the known expiry date makes it "expired", alerted once.
        var expired = await _h.CheckAsync();
        await _h.CheckAsync();
        Assert.Equal(TokenStates.Expired, expired!.State);
        Assert.Single(_h.Alerts("token-expired"));
        Assert.Equal(5, _h.Alerts("token-expiring").Count);
    }

    [Fact]
    public async Task Skipping_from_20_to_2_days_left_sends_one_alert_for_the_smallest_threshold()
    {
        _h.GiveToken("glpat-a", daysLeft: 20);
        await _h.CheckAsync();
        _h.Time.Advance(TimeSpan.FromDays(18));
        var status = await _h.CheckAsync();

        var alerts = _h.Alerts("token-expiring");
        Assert.Equal([30, 3], alerts.Select(a => a.GetProperty("threshold").GetInt32()));
        Assert.Equal(3, status!.LastAlertThreshold);
        Assert.Equal(TokenStates.Expiring, status.State);
    }

    [Fact]
    public async Task Alert_message_has_the_documented_shape_and_no_token()
    {
        _h.GiveToken("glpat-secret-value", daysLeft: 10);
        await _h.CheckAsync();

        var alert = Assert.Single(_h.Alerts());
        Assert.Equal("gitlab-connector/alert@1", alert.GetProperty("schema").GetString());
        Assert.Equal(TokenHarness.ConnectionId, alert.GetProperty("connectionId").GetString());
        Assert.Equal("token-expiring", alert.GetProperty("kind").GetString());
        Assert.Equal("warning", alert.GetProperty("severity").GetString());
        Assert.Equal("expiring", alert.GetProperty("state").GetString());
        Assert.Equal(10, alert.GetProperty("daysLeft").GetInt32());
        Assert.Equal(14, alert.GetProperty("threshold").GetInt32());
        Assert.Equal(_h.Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), alert.GetProperty("expiresAt").GetString());
        Assert.Contains("gitlab-conn-1-token", alert.GetProperty("action").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(alert.GetProperty("alertId").GetString()));
        Assert.Equal(_h.Time.GetUtcNow(), alert.GetProperty("raisedAt").GetDateTimeOffset());
        Assert.DoesNotContain("glpat-secret-value", _h.Queues.Messages(new QueueOptions().Alerts)[0], StringComparison.Ordinal);
        Assert.DoesNotContain(_h.Logs.Events, e => e.Message.Contains("glpat-secret-value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Records_kind_scopes_expiry_and_sets_key_vault_expiry_and_tags()
    {
        var token = _h.GiveToken("glpat-a", daysLeft: 60);
        var status = await _h.CheckAsync();

        Assert.Equal("personal", status!.Kind);
        Assert.Equal(["api"], status.Scopes);
        Assert.Equal(token.Id, status.TokenId);
        Assert.Equal(TokenStates.Ok, status.State);
        Assert.Equal(_h.Secrets.Latest(_h.SecretName)!.Version, status.SecretVersion);
        var secret = _h.Secrets.Latest(_h.SecretName)!;
        Assert.Equal(new DateTimeOffset(_h.Today.AddDays(60).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), secret.ExpiresOn);
        Assert.Equal(token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), secret.Tags["tokenId"]);
        Assert.Equal("personal", secret.Tags["kind"]);
        Assert.Equal("api", secret.Tags["scopes"]);

        // Already in step: no second update.
        await _h.CheckAsync();
        Assert.Single(_h.Secrets.Operations, o => o.StartsWith("update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Operator_rotation_is_detected_validated_and_parked_events_redriven()
    {
        var old = _h.GiveToken("glpat-old", daysLeft: 40);
        await _h.CheckAsync();
        _h.Parked.ClearReceivedCalls();
        old.Revoked = true;
        var invalid = await _h.CheckAsync();
        Assert.Equal(TokenStates.Invalid, invalid!.State);
        Assert.Single(_h.Alerts("token-invalid"));
        await _h.Parked.DidNotReceive().RedriveAsync(TokenHarness.ConnectionId, Arg.Any<CancellationToken>());

        // The operator puts a fresh token into Key Vault as a new version.
        _h.GitLab.AddToken("glpat-new", _h.Today.AddDays(90));
        var version = _h.Secrets.Put(_h.SecretName, "glpat-new").Version;
        var rotated = await _h.CheckAsync();

        Assert.Equal(TokenStates.Rotated, rotated!.State);
        Assert.Equal(version, rotated.SecretVersion);
        Assert.Equal(90, rotated.DaysLeft);
        Assert.Null(rotated.LastAlertState);
        Assert.Single(_h.Alerts("token-rotated"));
        await _h.Parked.Received(1).RedriveAsync(TokenHarness.ConnectionId, Arg.Any<CancellationToken>());
        Assert.Equal("glpat-new", _h.GitLab.TokensUsed[^1]);

        var next = await _h.CheckAsync();
        Assert.Equal(TokenStates.Ok, next!.State);
        Assert.Single(_h.Alerts("token-rotated"));
    }

    [Fact]
    public async Task Revoked_token_alerts_once_and_records_revoked()
    {
        _h.GitLab.ReportRevokedTokens = true;
        var token = _h.GiveToken("glpat-a", daysLeft: 100);
        await _h.CheckAsync();
        token.Revoked = true;

        var first = await _h.CheckAsync();
        var second = await _h.CheckAsync();

        Assert.Equal(TokenStates.Revoked, first!.State);
        Assert.Equal(TokenStates.Revoked, second!.State);
        var alert = Assert.Single(_h.Alerts("token-revoked"));
        Assert.Equal("error", alert.GetProperty("severity").GetString());
        Assert.Single(_h.Logs.WithId(1603));
    }

    [Fact]
    public async Task Unauthorized_token_is_invalid_and_alerted_once()
    {
        _h.Secrets.Put(_h.SecretName, "glpat-unknown");

        var status = await _h.CheckAsync();
        await _h.CheckAsync();

        Assert.Equal(TokenStates.Invalid, status!.State);
        Assert.Single(_h.Alerts("token-invalid"));
        Assert.Single(_h.Logs.WithId(1604));
    }

    [Fact]
    public async Task Missing_token_is_invalid()
    {
        var status = await _h.CheckAsync();

        Assert.Equal(TokenStates.Invalid, status!.State);
        Assert.Single(_h.Alerts("token-invalid"));
    }

    [Fact]
    public async Task GitLab_outage_keeps_state_and_still_alerts_from_the_known_expiry_date()
    {
        _h.GiveToken("glpat-a", daysLeft: 40);
        await _h.CheckAsync();
        var gitLab = Substitute.For<IGitLabApi>();
        gitLab.GetTokenSelfAsync(default!, default).ReturnsForAnyArgs<GitLabTokenInfo>(_ => throw new GitLabApiException(503, "down"));
        var probe = new TokenProbe(gitLab);
        _h.Time.Advance(TimeSpan.FromDays(11));

        var result = await probe.ProbeAsync(new GitLabConnection(TokenHarness.ConnectionId, _h.Connection.GitLabUrl, "glpat-a"), CancellationToken.None);
        var evaluation = TokenStateEvaluator.Evaluate(await _h.StatusAsync(), _h.Secrets.Latest(_h.SecretName)!.Version, result, _h.Time.GetUtcNow(), [30, 14, 7, 3, 1]);

        Assert.Equal(TokenProbeOutcome.Unavailable, result.Outcome);
        Assert.Equal(TokenStates.Expiring, evaluation.Status.State);
        Assert.Equal(29, evaluation.Status.DaysLeft);
        Assert.Equal(30, Assert.Single(evaluation.Alerts).Threshold);
    }

    [Fact]
    public async Task An_untrusted_gitlab_certificate_concludes_nothing_about_the_token_and_says_why()
    {
        var gitLab = Substitute.For<IGitLabApi>();
        gitLab.GetTokenSelfAsync(default!, default).ReturnsForAnyArgs<GitLabTokenInfo>(_ => throw new GitLabUntrustedCertificateException("The TLS handshake failed: set the connection's caCertificate."));

        var result = await new TokenProbe(gitLab).ProbeAsync(new GitLabConnection(TokenHarness.ConnectionId, _h.Connection.GitLabUrl, "glpat-a"), CancellationToken.None);

        Assert.Equal(TokenProbeOutcome.Unavailable, result.Outcome);
        Assert.Contains("caCertificate", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resource_access_token_hook_triggers_a_check_now()
    {
        _h.GiveToken("glpat-p", daysLeft: 6, GitLabTokenKind.Project, resourceId: 7);
        using var payload = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Payloads", "access-token-project.json")));

        var status = await _h.CreateMonitor().HandleAccessTokenEventAsync(TokenHarness.ConnectionId, payload.RootElement, CancellationToken.None);

        Assert.NotNull(status);
        Assert.Equal("project", status.Kind);
        Assert.Equal(7, status.ResourceId);
        Assert.Contains("glpat-p", _h.GitLab.TokensUsed);
        Assert.Equal(7, Assert.Single(_h.Alerts("token-expiring")).GetProperty("threshold").GetInt32());
        Assert.Single(_h.Logs.WithId(1625));

        // The timer's next run does not repeat the alert.
        await _h.CheckAsync();
        Assert.Single(_h.Alerts("token-expiring"));
    }

    [Fact]
    public async Task Other_payloads_are_not_token_events()
    {
        _h.GiveToken("glpat-a", daysLeft: 6);
        using var payload = JsonDocument.Parse("""{"object_kind":"push"}""");

        var status = await _h.CreateMonitor().HandleAccessTokenEventAsync(TokenHarness.ConnectionId, payload.RootElement, CancellationToken.None);

        Assert.Null(status);
        Assert.Empty(_h.GitLab.TokensUsed);
    }

    [Fact]
    public async Task Parked_events_are_redriven_when_the_token_works_and_some_are_waiting()
    {
        _h.GiveToken("glpat-a", daysLeft: 60);
        await _h.CheckAsync();
        _h.Parked.CountAsync(TokenHarness.ConnectionId, Arg.Any<CancellationToken>()).Returns(3);

        await _h.CheckAsync();

        await _h.Parked.Received(2).RedriveAsync(TokenHarness.ConnectionId, Arg.Any<CancellationToken>());
    }
}
