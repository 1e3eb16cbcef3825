using GitLabConnector.Admin;
using GitLabConnector.Configuration;
using GitLabConnector.Connections;
using GitLabConnector.Health;
using GitLabConnector.Secrets;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace GitLabConnector.Tests.Health;

public sealed class HealthCheckTests
{
    private const string Key = "health-admin-key";
    private readonly FakeTimeProvider _time = new();
    private readonly IQueueService _queues = Substitute.For<IQueueService>();
    private readonly ISecretStore _secrets = Substitute.For<ISecretStore>();
    private readonly HealthCheck _check;

    public HealthCheckTests()
    {
        _secrets.IsAvailableAsync(Arg.Any<CancellationToken>()).Returns(true);
        _check = new HealthCheck(_queues, _secrets, Options.Create(new AdminOptions { AdminKey = Key }), Options.Create(new QueueOptions()), new HostingMode(false, "http://127.0.0.1:7071"), _time);
    }

    [Fact]
    public async Task Anonymous_callers_within_the_cache_window_share_one_probe_of_the_dependencies()
    {
        for (var i = 0; i < 5; i++)
        {
            await _check.CheckAsync(new DefaultHttpContext().Request, default);
            _time.Advance(TimeSpan.FromSeconds(0.5));
        }

        await _queues.Received(1).GetApproximateMessageCountAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
        await _secrets.Received(1).IsAvailableAsync(Arg.Any<CancellationToken>());

        _time.Advance(HealthCheck.CacheFor);
        await _check.CheckAsync(new DefaultHttpContext().Request, default);
        await _secrets.Received(2).IsAvailableAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_dependencies_are_shown_only_with_the_admin_key()
    {
        var anonymous = Assert.IsType<Ok<HealthReport>>(await _check.CheckAsync(new DefaultHttpContext().Request, default));
        var withKey = new DefaultHttpContext();
        withKey.Request.Headers[AdminKeyFilter.HeaderName] = Key;
        var detailed = Assert.IsType<Ok<HealthReport>>(await _check.CheckAsync(withKey.Request, default));
        var wrongKey = new DefaultHttpContext();
        wrongKey.Request.Headers[AdminKeyFilter.HeaderName] = "not-it";
        var refused = Assert.IsType<Ok<HealthReport>>(await _check.CheckAsync(wrongKey.Request, default));

        Assert.Equal("ok", anonymous.Value!.Status);
        Assert.Null(anonymous.Value.Checks);
        Assert.Null(refused.Value!.Checks);
        Assert.Equal("ok", detailed.Value!.Checks!["storage"]);
    }

    [Fact]
    public async Task An_unavailable_dependency_is_503_for_everyone()
    {
        _secrets.IsAvailableAsync(Arg.Any<CancellationToken>()).Returns(false);

        var result = Assert.IsType<JsonHttpResult<HealthReport>>(await _check.CheckAsync(new DefaultHttpContext().Request, default));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, result.StatusCode);
        Assert.Equal("degraded", result.Value!.Status);
    }
}
