using System.Net;
using System.Net.Sockets;

namespace GitLabConnector.Probe;

/// <summary>Free TCP ports on 127.0.0.1.</summary>
internal static class Loopback
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
