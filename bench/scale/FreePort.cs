using System.Net;
using System.Net.Sockets;

namespace Marquee.Bench.Scale;

internal static class FreePort
{
    /// <summary>A loopback TCP port nobody listens on now (the kernel's choice for port 0).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
