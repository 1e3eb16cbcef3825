using System.Net;
using System.Net.Sockets;

namespace GitLabConnector.Tests.Fixtures;

/// <summary>Free loopback ports for servers the tests start, and a check that something listens.</summary>
public static class LoopbackPorts
{
    public static int Free() => Free(1)[0];

    /// <summary>
    /// <paramref name="count"/> distinct free ports. Every listener stays open until all ports are picked: released one by one,
    /// the kernel may hand the same ephemeral port out twice (two Azurite services on one port fail with EADDRINUSE).
    /// </summary>
    public static int[] Free(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
