using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabConnector.Connections;
using GitLabConnector.GitLab;
using GitLabConnector.Webhooks;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GitLabConnector.Tests.Admin;

public sealed class RotateWebhookSecretTests
{
    [Fact]
    public async Task Rotation_makes_a_new_secret_current_and_keeps_the_previous_until_the_overlap_ends()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.Options.SecretOverlap = TimeSpan.FromHours(6);
        var created = await host.ConnectAsync();
        var id = created.GetProperty("id").GetString()!;
        var oldSecret = created.GetProperty("webhookSecret").GetString()!;
        var oldVersion = host.Store[id]!.WebhookSecretVersion;

        var response = await host.Client.PostAsync($"/api/connections/{id}/webhook-secret/rotate", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newSecret = body.GetProperty("webhookSecret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        var overlapEnd = host.Time.GetUtcNow() + TimeSpan.FromHours(6);
        Assert.Equal(overlapEnd, body.GetProperty("previousSecretValidUntil").GetDateTimeOffset());
        var record = host.Store[id]!;
        Assert.Equal(oldVersion, record.PreviousWebhookSecretVersion);
        Assert.Equal(overlapEnd, record.PreviousSecretValidUntil);
        Assert.Equal(newSecret, (await host.Secrets.GetAsync(SecretNames.WebhookSecret(id), record.WebhookSecretVersion, CancellationToken.None))!.Value);

        // What ingestion accepts: both secrets during the overlap, only the new one after it.
        var provider = new WebhookSecretProvider(host.Secrets, host.Time);
        var during = (await provider.GetTokenSecretsAsync(record, CancellationToken.None)).Select(System.Text.Encoding.UTF8.GetString).ToList();
        Assert.Equal([newSecret, oldSecret], during);
        host.Time.Advance(TimeSpan.FromHours(6));
        var after = (await provider.GetTokenSecretsAsync(record, CancellationToken.None)).Select(System.Text.Encoding.UTF8.GetString).ToList();
        Assert.Equal([newSecret], after);
    }

    [Fact]
    public async Task Rotation_with_signing_rotates_the_signing_token_too()
    {
        await using var host = await new AdminApiHost().StartAsync();
        var created = await host.ConnectAsync(new { name = "S", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken, signing = "accept" });
        var id = created.GetProperty("id").GetString()!;
        var oldSigningVersion = host.Store[id]!.SigningSecretVersion;

        var body = await (await host.Client.PostAsync($"/api/connections/{id}/webhook-secret/rotate", null)).Content.ReadFromJsonAsync<JsonElement>();

        var signing = body.GetProperty("signingToken").GetString()!;
        Assert.NotEqual(created.GetProperty("signingToken").GetString(), signing);
        Assert.Equal(oldSigningVersion, host.Store[id]!.PreviousSigningSecretVersion);
        Assert.Equal(signing, (await host.Secrets.GetAsync(SecretNames.SigningSecret(id), host.Store[id]!.SigningSecretVersion, CancellationToken.None))!.Value);
    }

    [Fact]
    public async Task Rotation_updates_the_hooks_the_connector_created_and_reports_failures()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.GitLab.CreateHookAsync(Arg.Any<GitLabConnection>(), GitLabHookOwner.Project, Arg.Any<long>(), Arg.Any<GitLabHookRequest>(), Arg.Any<CancellationToken>())
            .Returns(c => new GitLabHook(c.ArgAt<long>(2) * 10, new Uri("https://x")));
        host.GitLab.UpdateHookAsync(Arg.Any<GitLabConnection>(), GitLabHookOwner.Project, 12, 120, Arg.Any<GitLabHookRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new GitLabApiException(0, "unreachable"));
        var created = await host.ConnectAsync(new { name = "H", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken, events = new[] { "Push Hook" }, createHooks = new { projects = new[] { 11, 12 } } });
        var id = created.GetProperty("id").GetString()!;

        var body = await (await host.Client.PostAsync($"/api/connections/{id}/webhook-secret/rotate", null)).Content.ReadFromJsonAsync<JsonElement>();

        var secret = body.GetProperty("webhookSecret").GetString()!;
        await host.GitLab.Received(1).UpdateHookAsync(
            Arg.Is<GitLabConnection>(c => c.Token == AdminApiHost.GitLabToken),
            GitLabHookOwner.Project,
            11,
            110,
            Arg.Is<GitLabHookRequest>(r => r.SecretToken == secret && r.EventFlags.SequenceEqual(new[] { "push_events" })),
            Arg.Any<CancellationToken>());
        Assert.Equal(110, body.GetProperty("hooksUpdated")[0].GetProperty("hookId").GetInt64());
        Assert.Equal(120, body.GetProperty("hooksNotUpdated")[0].GetProperty("hookId").GetInt64());
    }

    [Fact]
    public async Task Rotating_an_unknown_connection_is_404()
    {
        await using var host = await new AdminApiHost().StartAsync();

        var response = await host.Client.PostAsync("/api/connections/nope/webhook-secret/rotate", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
