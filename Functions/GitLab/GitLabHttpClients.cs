using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Caching.Memory;

namespace GitLabConnector.GitLab;

/// <summary>
/// The shared HttpClient, or for a private CA one trusting that CA alone, cached per CA so its pool is reused (at most
/// <see cref="MaxCas"/>). Every handler dials through <see cref="GitLabSocketConnector"/>: the address policy holds for all.
/// </summary>
internal sealed class GitLabHttpClients(IHttpClientFactory factory, GitLabSocketConnector connector, IOptions<GitLabApiOptions> options, TimeProvider time) : IDisposable
{
    public const int MaxCas = 100;

    private readonly MemoryCache _byCa = new(new MemoryCacheOptions { SizeLimit = MaxCas });

    public HttpClient For(GitLabConnection connection) => connection.CaCertificate is not { } pem
        ? factory.CreateClient(GitLabServiceCollectionExtensions.HttpClientName)
        : _byCa.GetOrCreate(pem, entry =>
        {
            entry.Size = 1;
            entry.RegisterPostEvictionCallback(static (_, client, _, state) => _ = ((GitLabHttpClients)state!).DisposeLaterAsync((HttpClient)client!), this);
            var client = new HttpClient(CreateHandler(connector, GitLabCaCertificate.TrustPolicy(pem)));
            Configure(client);
            return client;
        })!;

    // How many private-CA clients are kept now.
    public int Count => _byCa.Count;

    public void Dispose() => _byCa.Dispose();

    /// <summary>Redirects are followed by the sender (GET, same origin only), so PRIVATE-TOKEN never leaves the instance.</summary>
    public static SocketsHttpHandler CreateHandler(GitLabSocketConnector connector, X509ChainPolicy? trust) => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = connector.ConnectAsync,
        SslOptions = { CertificateChainPolicy = trust },
    };

    /// <summary>The sender applies its own per-request timeout (<see cref="GitLabApiOptions.Timeout"/>) around each attempt.</summary>
    public static void Configure(HttpClient client)
    {
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.ParseAdd("GitLabConnector/1.0");
    }

    // A request may have taken the client just before it was evicted: it finishes within one attempt's timeout.
    private async Task DisposeLaterAsync(HttpClient client)
    {
        await Task.Delay(options.Value.Timeout + TimeSpan.FromSeconds(30), time).ConfigureAwait(false);
        client.Dispose();
    }
}
