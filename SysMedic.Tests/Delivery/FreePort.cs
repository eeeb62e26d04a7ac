using System.Net;
using System.Net.Sockets;

namespace SysMedic.Tests.Delivery;

/// <summary>A TCP port on 127.0.0.1 nobody listens on (at the moment it is asked for).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
