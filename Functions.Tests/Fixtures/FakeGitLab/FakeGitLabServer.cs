using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GitLabConnector.Tests.Fixtures.FakeGitLab;

/// <summary>
/// A fake GitLab REST API on Kestrel (127.0.0.1, free port, HTTP — or HTTPS with a given certificate) serving the real routes under
/// <c>{subPath}/api/v4</c>. Tests set data through <see cref="State"/>, inject faults through <see cref="Faults"/> and
/// <see cref="RateLimit"/>, and assert against <see cref="Requests"/>.
/// </summary>
public sealed class FakeGitLabServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeGitLabServer(WebApplication app, Uri baseUrl, FakeGitLabState state, FakeGitLabFaults faults, FakeGitLabRateLimit rateLimit, FakeGitLabRequestLog requests)
    {
        _app = app;
        BaseUrl = baseUrl;
        State = state;
        Faults = faults;
        RateLimit = rateLimit;
        Requests = requests;
    }

    /// <summary>The instance root to put in a <c>GitLabConnection</c> (includes the sub-path, if any).</summary>
    public Uri BaseUrl { get; }

    public FakeGitLabState State { get; }

    public FakeGitLabFaults Faults { get; }

    public FakeGitLabRateLimit RateLimit { get; }

    public FakeGitLabRequestLog Requests { get; }

    /// <param name="subPath">Relative URL root of the instance, e.g. <c>/gitlab</c>; empty for the host root.</param>
    /// <param name="port">Loopback port; 0 picks a free one.</param>
    /// <param name="certificate">Serve HTTPS with this certificate (and its private key); null serves HTTP.</param>
    public static async Task<FakeGitLabServer> StartAsync(string subPath = "", int port = 0, X509Certificate2? certificate = null)
    {
        subPath = subPath.TrimEnd('/');
        var apiPrefix = subPath + "/api/v4";
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // A request still in flight (a slow-response fault, a client that keeps waiting) holds shutdown up for 1 s at most.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));

        var app = builder.Build();
        var state = new FakeGitLabState();
        var faults = new FakeGitLabFaults();
        var rateLimit = new FakeGitLabRateLimit();
        var requests = new FakeGitLabRequestLog();
        var gate = new FakeGitLabGate(apiPrefix, state, faults, rateLimit, requests);

        app.UseRouting();
        app.Use(gate.InvokeAsync);
        var api = app.MapGroup(apiPrefix);
        FakeGitLabResourceRoutes.Map(api, state);
        FakeGitLabTokenRoutes.Map(api, state);
        FakeGitLabHookRoutes.Map(api, state);
        FakeGitLabSyncRoutes.Map(api, state);
        FakeGitLabProjectRoutes.Map(api, state);
        app.MapFallback(() => FakeGitLabJson.NotFound());

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeGitLabServer(app, new Uri(address + subPath), state, faults, rateLimit, requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
