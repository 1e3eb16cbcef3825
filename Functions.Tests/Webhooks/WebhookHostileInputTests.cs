using System.Text.Json;
using GitLabConnector.Enrichment;
using GitLabConnector.Tests.Fixtures;
using Xunit.Abstractions;

namespace GitLabConnector.Tests.Webhooks;

/// <summary>
/// The hostile-input suite (<see cref="HostileCases"/>, <see cref="RawHostileCases"/>): each case gets its exact documented
/// 4xx — never a 5xx — the app still answers <c>/api/health</c> afterwards, and nothing reaches the events queue.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebhookHostileInputTests(HostileInputHost app, ITestOutputHelper output) : IClassFixture<HostileInputHost>
{
    public static TheoryData<string> Cases => HostileCases.Names();

    public static TheoryData<string> RawCases => RawHostileCases.Names();

    public static TheoryData<string> OddCases => OddButValidCases.Names();

    [Fact]
    public void Suite_has_at_least_60_hostile_cases()
    {
        var total = HostileCases.All.Count + RawHostileCases.All.Count;
        output.WriteLine($"hostile cases: {HostileCases.All.Count} over HttpClient + {RawHostileCases.All.Count} over a raw socket = {total}; odd-but-valid: {OddButValidCases.All.Count}");
        Assert.True(total >= 60, $"only {total} cases");
        Assert.Equal(total, HostileCases.All.Select(c => c.Name).Concat(RawHostileCases.All.Select(c => c.Name)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Rejects_hostile_input(string name)
    {
        var hostile = HostileCases.Named(name);
        using var request = app.Build(hostile);

        using var response = await app.Host.Client.SendAsync(request);

        Assert.Equal(hostile.Status, (int)response.StatusCode);
        if (hostile.Reason is not null)
        {
            Assert.Equal(hostile.Reason, await WebhookRequests.ProblemReasonAsync(response));
        }

        await AssertStillHealthyAndNothingQueuedAsync();
    }

    [Theory]
    [MemberData(nameof(RawCases))]
    public async Task Rejects_hostile_raw_request(string name)
    {
        var raw = RawHostileCases.Named(name);

        var response = await RawHttp.SendAsync(app.Host.BaseAddress, raw.Render(app));

        output.WriteLine(response.Head);
        Assert.Equal(raw.Status, response.Status);
        if (raw.Reason is not null)
        {
            Assert.Contains($"\"reason\":\"{raw.Reason}\"", response.Body, StringComparison.Ordinal);
        }

        await AssertStillHealthyAndNothingQueuedAsync();
    }

    [Theory]
    [MemberData(nameof(OddCases))]
    public async Task Accepts_odd_but_valid_delivery_in_a_form_the_consumer_can_read(string name)
    {
        var odd = OddButValidCases.Named(name);
        using var request = app.Build(odd);

        using var response = await app.Host.Client.SendAsync(request);

        Assert.Equal(202, (int)response.StatusCode);
        var text = Assert.Single(await QueuedEvents.DrainAsync(app.Azurite, app.Queue));
        var (envelope, payload) = await new EnvelopeReader(app.Azurite.CreateBlobService()).ReadAsync(text, default);
        using (payload)
        {
            Assert.Equal("Push Hook", envelope.EventName);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(odd.Body!), payload.RootElement.GetRawText());
        }

        using var document = JsonDocument.Parse(text);
        Assert.False(document.RootElement.TryGetProperty("instance", out _));
        Assert.False(document.RootElement.TryGetProperty("webhookUuid", out _));
    }

    private async Task AssertStillHealthyAndNothingQueuedAsync()
    {
        using var health = await app.Host.Client.GetAsync("api/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        await QueuedEvents.AssertEmptyAsync(app.Azurite, app.Queue);
    }
}
