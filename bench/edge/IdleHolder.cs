using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Marquee.Bench.Edge;

/// <summary>
/// The client side of the idle-connection measurement, run as its own process (<c>--hold</c>) so its sockets do not
/// count in the edge's memory (the edge runs in the bench process): opens connections from one loopback source
/// address, makes one keep-alive request on each (as a player between segments), reads the answer whole, says
/// <c>READY n</c> and holds them, idle, until its standard input closes.
/// </summary>
internal static class IdleHolder
{
    private const int Concurrent = 256;

    public static async Task<int> RunAsync(Uri server, string path, int count, IPAddress source)
    {
        var sockets = new Socket[count];
        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\n\r\n");
        using var gate = new SemaphoreSlim(Concurrent);
        var opened = 0;
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(server.Host, server.Port);
                await socket.SendAsync(request);
                await ReadResponseAsync(socket);
                sockets[i] = socket;
                Interlocked.Increment(ref opened);
            }
            finally
            {
                gate.Release();
            }
        }));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"READY {opened}"));
        await Console.In.ReadToEndAsync();
        var stillOpen = sockets.Count(s => s is not null && !(s.Poll(0, SelectMode.SelectRead) && s.Available == 0));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OPEN {stillOpen}"));
        foreach (var socket in sockets)
        {
            socket?.Dispose();
        }

        return 0;
    }

    /// <summary>Reads one response with a Content-Length body, whole.</summary>
    private static async Task ReadResponseAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        var received = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(received));
            if (n == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            received += n;
            var text = Encoding.ASCII.GetString(buffer, 0, received);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            var length = text[..end].Split("\r\n").Select(l => l.Split(':', 2))
                .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(p => int.Parse(p[1].Trim(), CultureInfo.InvariantCulture)).Single();
            if (received >= end + 4 + length)
            {
                return;
            }
        }
    }
}
