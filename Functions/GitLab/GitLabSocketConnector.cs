using System.Net;
using System.Net.Sockets;

namespace GitLabConnector.GitLab;

/// <summary>
/// Resolves the host itself and dials only addresses <see cref="GitLabAddressPolicy"/> allows under the settings in force
/// now: DNS can answer differently later (rebinding), and turning <c>AllowInsecureGitLabUrls</c> off must stop loopback.
/// </summary>
public sealed class GitLabSocketConnector(IHostAddressResolver resolver, IOptions<GitLabApiOptions> options, ILogger<GitLabSocketConnector> logger)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        var allowInsecure = options.Value.AllowInsecureGitLabUrls;
        foreach (var address in addresses)
        {
            if (GitLabAddressPolicy.Classify(address) is { } reason && (reason.Always || !allowInsecure))
            {
                GitLabLog.AddressRefused(logger, host, address.ToString(), reason.Name);
                throw new GitLabAddressRefusedException($"GitLab host '{host}' resolves to a {reason.Name} address ({address}), which is not allowed");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
