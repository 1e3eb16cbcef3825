using System.Net;
using System.Net.Sockets;

namespace GitLabConnector.GitLab;

/// <summary>
/// The GitLab client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself, checks every address
/// against <see cref="GitLabAddressPolicy"/> under the settings in force now, and dials only the addresses it checked.
/// Checking the URL when a connection is made is not enough: DNS can answer differently later (rebinding), and a
/// connection made while <c>AllowInsecureGitLabUrls</c> was on must stop reaching loopback once it is off.
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
