using System.Collections.Concurrent;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitLabConnector.Tests.Fixtures.FakeKeyVault;

/// <summary>
/// An in-process Azure Key Vault (secrets only) on https://127.0.0.1:{free port}, good enough for the real
/// <see cref="SecretClient"/>: TLS with a self-signed certificate, the 401 bearer challenge, Key Vault's JSON shapes.
/// Tests can inject failures, simulate an outage, read the request log and the stored versions.
/// </summary>
public sealed class FakeKeyVault : IAsyncDisposable
{
    /// <summary>Tenant named in the challenge; the SDK asks the credential for a token in it.</summary>
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private readonly WebApplication _app;
    private readonly FakeKeyVaultFaults _faults;
    private readonly ConcurrentQueue<FakeKeyVaultRequest> _requests;
    private readonly ConcurrentBag<HttpMessageHandler> _handlers = [];

    private FakeKeyVault(WebApplication app, FakeKeyVaultState state, FakeKeyVaultFaults faults, ConcurrentQueue<FakeKeyVaultRequest> requests, Uri vaultUri)
    {
        _app = app;
        State = state;
        _faults = faults;
        _requests = requests;
        VaultUri = vaultUri;
    }

    public Uri VaultUri { get; }

    /// <summary>Stored secrets, for direct reads and seeding.</summary>
    public FakeKeyVaultState State { get; }

    /// <summary>Every request so far, in arrival order (including the SDK's unauthorised challenge probes).</summary>
    public IReadOnlyList<FakeKeyVaultRequest> Requests => [.. _requests];

    public static async Task<FakeKeyVault> StartAsync(CancellationToken cancellationToken = default)
    {
        var certificate = FakeKeyVaultCertificate.Certificate;
        var state = new FakeKeyVaultState();
        var faults = new FakeKeyVaultFaults();
        var requests = new ConcurrentQueue<FakeKeyVaultRequest>();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.Use((context, next) => HandleAsync(context, next, faults, requests));
        FakeKeyVaultEndpoints.Map(app, state);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new FakeKeyVault(app, state, faults, requests, new Uri($"https://127.0.0.1:{port}/"));
    }

    /// <summary>A real <see cref="SecretClient"/> for this vault: trusts only the fake's certificate, short fixed retries.</summary>
    public SecretClient CreateSecretClient(int maxRetries = 2)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => FakeKeyVaultCertificate.IsTrusted(certificate) },
        };
        _handlers.Add(handler);
        var options = new SecretClientOptions
        {
            DisableChallengeResourceVerification = true,
            Transport = new HttpClientTransport(handler),
            Retry =
            {
                Mode = RetryMode.Fixed,
                MaxRetries = maxRetries,
                Delay = TimeSpan.FromMilliseconds(5),
                MaxDelay = TimeSpan.FromMilliseconds(20),
                NetworkTimeout = TimeSpan.FromSeconds(30),
            },
        };
        return new SecretClient(VaultUri, new StubTokenCredential(), options);
    }

    /// <summary>The next <paramref name="count"/> authorised requests get <paramref name="status"/> (e.g. 503 twice, or 403).</summary>
    public void FailNext(int count, HttpStatusCode status, string? pathContains = null) => _faults.FailNext(count, (int)status, pathContains);

    /// <summary>Every request fails (503 or a dropped connection) until <see cref="EndOutage"/>.</summary>
    public void StartOutage(FakeKeyVaultOutage kind = FakeKeyVaultOutage.ServiceUnavailable) => _faults.Outage = kind;

    public void EndOutage() => _faults.Outage = null;

    /// <summary>Authorised requests with this method whose path starts with <paramref name="pathPrefix"/>.</summary>
    public int CountRequests(string method, string pathPrefix) =>
        Requests.Count(r => r.Authorized
            && string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)
            && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var handler in _handlers)
        {
            handler.Dispose();
        }
    }

    private static async Task HandleAsync(HttpContext context, RequestDelegate next, FakeKeyVaultFaults faults, ConcurrentQueue<FakeKeyVaultRequest> requests)
    {
        var authorized = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal);
        try
        {
            if (faults.Outage is { } outage)
            {
                if (outage == FakeKeyVaultOutage.ConnectionReset)
                {
                    context.Abort();
                    return;
                }

                await Fail(context, 503);
                return;
            }

            if (!authorized)
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate =
                    $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", resource=\"https://vault.azure.net\"";
                await FakeKeyVaultEndpoints.Json(401, FakeKeyVaultJson.Error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."))
                    .ExecuteAsync(context);
                return;
            }

            if (faults.TryTakeFailure(context.Request.Path.Value ?? string.Empty, out var status))
            {
                await Fail(context, status);
                return;
            }

            await next(context);
        }
        finally
        {
            requests.Enqueue(new FakeKeyVaultRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, authorized, context.Response.StatusCode));
        }
    }

    private static Task Fail(HttpContext context, int status)
    {
        var code = status switch
        {
            403 => "Forbidden",
            429 => "Throttled",
            _ => "ServiceUnavailable",
        };
        return FakeKeyVaultEndpoints.Json(status, FakeKeyVaultJson.Error(code, $"Injected failure {status}.")).ExecuteAsync(context);
    }
}
