using System.Net.Sockets;
using System.Text;

namespace Marquee.Edge.Tests;

/// <summary>
/// Sends a request target exactly as written: HttpClient would resolve <c>..</c> and re-encode escapes before
/// the edge ever saw them, which is the very thing these tests need to get past.
/// </summary>
public static class RawHttp
{
    public static async Task<(int Status, string Head, byte[] Body)> GetAsync(Uri server, string rawTarget, string? authorization = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        var request = new StringBuilder()
            .Append("GET ").Append(rawTarget).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(server.Authority).Append("\r\n")
            .Append("Connection: close\r\n");
        if (authorization is not null)
        {
            request.Append("Authorization: ").Append(authorization).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));
        using var received = new MemoryStream();
        await stream.CopyToAsync(received);
        var all = received.ToArray();
        var split = all.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.ASCII.GetString(all, 0, split);
        var status = int.Parse(head.Split(' ')[1]);
        return (status, head, all[(split + 4)..]);
    }
}
