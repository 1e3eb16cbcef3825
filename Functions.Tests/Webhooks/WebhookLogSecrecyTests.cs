using GitLabConnector.Tests.Fixtures;
using Xunit.Abstractions;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>Runs the whole hostile suite plus valid, signed and tampered deliveries, then searches every captured log line for secrets.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookLogSecrecyTests(HostileInputHost app, ITestOutputHelper output) : IClassFixture<HostileInputHost>
{
    [Fact]
    public async Task No_log_line_contains_a_webhook_secret_signing_token_or_signature()
    {
        var signatures = new List<string>();
        foreach (var hostile in HostileCases.All.Concat(OddButValidCases.All))
        {
            using var request = app.Build(hostile);
            using var response = await app.Host.Client.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"{hostile.Name}: {(int)response.StatusCode}");
        }

        foreach (var raw in RawHostileCases.All)
        {
            var response = await RawHttp.SendAsync(app.Host.BaseAddress, raw.Render(app));
            Assert.True(response.Status < 500, $"{raw.Name}: {response.Status}");
        }

        var body = PayloadFixtures.Read("push.json");
        var tampered = (byte[])body.Clone();
        tampered[^3] ^= 0x01;
        foreach (var (sent, signedOver, webhookId) in new[] { (body, body, "msg_log_valid"), (tampered, body, "msg_log_tampered") })
        {
            using var request = WebhookRequests.Post(app.SignedConnection.Id, sent, "Push Hook", token: null);
            WebhookRequests.Sign(request, signedOver, app.SignedConnection.SigningToken!, webhookId, DateTimeOffset.UtcNow);
            signatures.Add(request.Headers.GetValues("webhook-signature").Single());
            using var response = await app.Host.Client.SendAsync(request);
        }

        using (var valid = WebhookRequests.Push(app.TokenConnection))
        using (var accepted = await app.Host.Client.SendAsync(valid))
        {
            Assert.Equal(202, (int)accepted.StatusCode);
        }

        var logs = app.Logs.Entries;
        output.WriteLine($"{logs.Count} log entries captured");
        Assert.Contains(logs, e => e.EventId.Id == 2000);
        Assert.Contains(logs, e => e.EventId.Id == 2002);
        Assert.Contains(logs, e => e.EventId.Id == 2003);

        var forbidden = new List<string>
        {
            app.TokenConnection.WebhookSecret,
            app.SignedConnection.WebhookSecret,
            app.SignedConnection.SigningToken!,
            app.SignedConnection.SigningToken!["whsec_".Length..],
        };
        forbidden.AddRange(signatures);
        forbidden.AddRange(signatures.Select(s => s["v1,".Length..]));
        foreach (var entry in logs)
        {
            foreach (var secret in forbidden)
            {
                Assert.False(entry.AllText.Contains(secret, StringComparison.Ordinal), $"log {entry.Category}/{entry.EventId} leaks a secret: {entry.Message}");
            }
        }
    }
}
