using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitLabConnector.Tests.Admin;

public sealed class ConnectEndpointTests
{
    [Fact]
    public async Task Connect_answers_201_with_url_secret_token_info_and_instructions_but_never_the_token()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.GitLabReturns(["read_api"]);

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "Team A", gitlabUrl = "https://GitLab.example.com/", token = AdminApiHost.GitLabToken, events = new[] { "merge request hook", "Note Hook" } });
        var raw = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(raw).RootElement;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        Assert.Matches("^[a-z0-9]{12}$", id);
        Assert.Equal($"/api/connections/{id}", response.Headers.Location?.ToString());
        Assert.Equal($"https://connector.example.net/api/webhooks/gitlab/{id}", body.GetProperty("webhookUrl").GetString());
        Assert.Equal("https://gitlab.example.com", body.GetProperty("gitlabUrl").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("signingToken").ValueKind);
        Assert.Equal(["Merge Request Hook", "Note Hook"], body.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var token = body.GetProperty("token");
        Assert.Equal("connector", token.GetProperty("name").GetString());
        Assert.Equal("personal", token.GetProperty("kind").GetString());
        Assert.Equal("2027-03-01", token.GetProperty("expiresAt").GetString());
        Assert.Equal(["read_api"], token.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()));
        var boxes = body.GetProperty("instructions").GetProperty("triggerBoxes").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["Comments", "Merge request events"], boxes.Order(StringComparer.Ordinal));
        Assert.Contains(body.GetProperty("instructions").GetProperty("steps").EnumerateArray(), s => s.GetString()!.Contains("Settings → Webhooks", StringComparison.Ordinal));
        Assert.DoesNotContain(AdminApiHost.GitLabToken, raw, StringComparison.Ordinal);

        var secret = body.GetProperty("webhookSecret").GetString()!;
        Assert.Equal(43, secret.Length);
        var record = host.Store[id]!;
        Assert.Equal(secret, host.Secrets.Versions(SecretNames.WebhookSecret(id)).Single(v => v.Version == record.WebhookSecretVersion).Value);
        var storedToken = host.Secrets.Versions(SecretNames.Token(id)).Single();
        Assert.Equal(AdminApiHost.GitLabToken, storedToken.Value);
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), storedToken.ExpiresOn);
        Assert.Equal("personal", storedToken.Tags["kind"]);
        Assert.Equal("42", storedToken.Tags["tokenId"]);
        Assert.Equal("read_api", storedToken.Tags["scopes"]);
        Assert.Equal(ConnectionStatus.Active, record.Status);
        Assert.Null(record.SigningSecretVersion);
    }

    [Fact]
    public async Task Signing_generates_a_whsec_token_stored_as_its_own_secret()
    {
        await using var host = await new AdminApiHost().StartAsync();

        var body = await host.ConnectAsync(new { name = "Signed", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken, signing = "require" });

        var id = body.GetProperty("id").GetString()!;
        var signing = body.GetProperty("signingToken").GetString()!;
        Assert.StartsWith("whsec_", signing, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(signing["whsec_".Length..]).Length);
        Assert.Equal(signing, host.Secrets.Versions(SecretNames.SigningSecret(id)).Single().Value);
        Assert.Equal(SigningMode.Require, host.Store[id]!.Signing);
        Assert.NotNull(host.Store[id]!.SigningSecretVersion);
    }

    [Fact]
    public async Task Api_scope_without_hooks_is_accepted_with_a_warning()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.GitLabReturns(["api", "sudo"]);

        var body = await host.ConnectAsync();

        var warnings = body.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains("read_api is enough", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("sudo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_refused_by_gitlab_is_422_and_nothing_is_stored()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.GitLab.GetCurrentUserAsync(Arg.Any<GitLabConnection>(), Arg.Any<CancellationToken>()).ThrowsAsync(new GitLabUnauthorizedException());

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "A", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("token-rejected", problem.GetProperty("reason").GetString());
        Assert.Equal("about:blank", problem.GetProperty("type").GetString());
        Assert.Contains("Token rejected by GitLab", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(host.Secrets.AllValues());
    }

    [Fact]
    public async Task Unreachable_gitlab_is_502()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.GitLab.GetCurrentUserAsync(Arg.Any<GitLabConnection>(), Arg.Any<CancellationToken>()).ThrowsAsync(new GitLabApiException(0, "connection refused"));

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "A", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task Token_without_read_api_or_api_is_422()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.GitLabReturns(["read_repository"]);

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "A", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("insufficient-scope", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Expired_token_is_422()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.GitLabReturns(["read_api"], expiresAt: new DateOnly(2026, 11, 1));

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "A", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_fields_are_400_with_every_field_error_and_gitlab_is_not_called()
    {
        await using var host = await new AdminApiHost().StartAsync();

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "", gitlabUrl = "http://169.254.169.254", token = "", events = new[] { "Push Hook", "Bogus Hook" }, signing = "sometimes" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("about:blank", problem.GetProperty("type").GetString());
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "token", "events", "signing", "gitlabUrl" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        Assert.Contains("events[1]", errors.GetProperty("events")[0].GetString(), StringComparison.Ordinal);
        await host.GitLab.DidNotReceiveWithAnyArgs().GetCurrentUserAsync(default!, default);
    }

    [Theory]
    [InlineData("glpat-…")]
    [InlineData("glpat-abc\u201d")]
    [InlineData("glpat-\u00e9t\u00e9")]
    public async Task Token_that_cannot_be_a_header_value_is_400_naming_the_field_and_gitlab_is_not_called(string token)
    {
        await using var host = await new AdminApiHost().StartAsync();

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "A", gitlabUrl = "https://gitlab.example.com", token });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("visible ASCII", problem.GetProperty("errors").GetProperty("token")[0].GetString(), StringComparison.Ordinal);
        await host.GitLab.DidNotReceiveWithAnyArgs().GetCurrentUserAsync(default!, default);
    }

    [Fact]
    public async Task Private_gitlab_address_is_400()
    {
        await using var host = await new AdminApiHost().StartAsync();

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "A", gitlabUrl = "https://192.168.0.10", token = AdminApiHost.GitLabToken });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Creates_hooks_with_the_subscribed_event_flags_and_remembers_them()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.GitLab.CreateHookAsync(Arg.Any<GitLabConnection>(), GitLabHookOwner.Project, 11, Arg.Any<GitLabHookRequest>(), Arg.Any<CancellationToken>())
            .Returns(c => new GitLabHook(501, c.Arg<GitLabHookRequest>().Url));
        host.GitLab.CreateHookAsync(Arg.Any<GitLabConnection>(), GitLabHookOwner.Group, 22, Arg.Any<GitLabHookRequest>(), Arg.Any<CancellationToken>())
            .Returns(c => new GitLabHook(601, c.Arg<GitLabHookRequest>().Url));

        var body = await host.ConnectAsync(new
        {
            name = "Hooks",
            gitlabUrl = "https://gitlab.example.com",
            token = AdminApiHost.GitLabToken,
            events = new[] { "Merge Request Hook", "Pipeline Hook", "Member Hook" },
            signing = "accept",
            createHooks = new { projects = new[] { 11 }, groups = new[] { 22 } },
        });

        var id = body.GetProperty("id").GetString()!;
        var secret = body.GetProperty("webhookSecret").GetString()!;
        var signing = body.GetProperty("signingToken").GetString()!;
        await host.GitLab.Received(1).CreateHookAsync(
            Arg.Is<GitLabConnection>(c => c.BaseUrl == AdminApiHost.GitLabUrl && c.Token == AdminApiHost.GitLabToken),
            GitLabHookOwner.Project,
            11,
            Arg.Is<GitLabHookRequest>(r => r.SecretToken == secret && r.SigningToken == signing && r.EnableSslVerification
                && r.Url.ToString() == $"https://connector.example.net/api/webhooks/gitlab/{id}"
                && r.EventFlags.Order().SequenceEqual(new[] { "merge_requests_events", "pipeline_events" })),
            Arg.Any<CancellationToken>());
        await host.GitLab.Received(1).CreateHookAsync(
            Arg.Any<GitLabConnection>(),
            GitLabHookOwner.Group,
            22,
            Arg.Is<GitLabHookRequest>(r => r.EventFlags.Order().SequenceEqual(new[] { "member_events", "merge_requests_events", "pipeline_events" })),
            Arg.Any<CancellationToken>());
        Assert.Equal([new CreatedHook("project", 11, 501), new CreatedHook("group", 22, 601)], host.Store[id]!.Hooks);
        Assert.Equal(2, body.GetProperty("hooks").GetArrayLength());
    }

    [Fact]
    public async Task Create_hooks_with_a_read_api_token_is_422_explaining_the_api_scope()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.GitLabReturns(["read_api"]);

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "A", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken, createHooks = new { projects = new[] { 11 } } });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("api scope", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await host.GitLab.DidNotReceiveWithAnyArgs().CreateHookAsync(default!, default, default, default!, default);
    }

    [Fact]
    public async Task A_refused_hook_rolls_back_created_hooks_and_secrets()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.GitLab.CreateHookAsync(Arg.Any<GitLabConnection>(), GitLabHookOwner.Project, 11, Arg.Any<GitLabHookRequest>(), Arg.Any<CancellationToken>())
            .Returns(new GitLabHook(501, new Uri("https://x")));
        host.GitLab.CreateHookAsync(Arg.Any<GitLabConnection>(), GitLabHookOwner.Project, 12, Arg.Any<GitLabHookRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new GitLabApiException(403, "forbidden"));

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "A", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken, createHooks = new { projects = new[] { 11, 12 } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        await host.GitLab.Received(1).DeleteHookAsync(Arg.Any<GitLabConnection>(), GitLabHookOwner.Project, 11, 501, Arg.Any<CancellationToken>());
        Assert.Empty(host.Secrets.AllValues());
        Assert.Empty(await host.Store.ListAsync(CancellationToken.None));
    }
}
