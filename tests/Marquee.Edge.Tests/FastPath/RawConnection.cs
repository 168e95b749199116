using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Marquee.Edge.Tests.FastPath;

/// <summary>
/// One kept-alive HTTP/1.1 connection driven by hand: requests are written exactly as given (several at once for
/// pipelining) and responses read one by one, by their Content-Length, so a stray or missing byte shows up as the
/// next response going wrong.
/// </summary>
public sealed class RawConnection : IAsyncDisposable
{
    private readonly TcpClient client = new();
    private readonly List<byte> pending = [];
    private Stream stream = null!;

    /// <param name="trustedHash">Over https, the hash of the (self-signed) certificate to trust; HTTP/1.1 is asked for by ALPN.</param>
    public static async Task<RawConnection> OpenAsync(Uri server, string? trustedHash = null)
    {
        var connection = new RawConnection();
        await connection.client.ConnectAsync(server.Host, server.Port);
        connection.stream = connection.client.GetStream();
        if (server.Scheme == "https")
        {
            var tls = new SslStream(connection.stream, leaveInnerStreamOpen: false,
                (_, certificate, _, errors) => errors == SslPolicyErrors.None || certificate?.GetCertHashString() == trustedHash);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = server.Host,
                ApplicationProtocols = [SslApplicationProtocol.Http11],
            });
            connection.stream = tls;
        }

        return connection;
    }

    public static string Get(string target, params string[] headers) => Request("GET", target, headers);

    public static string Head(string target, params string[] headers) => Request("HEAD", target, headers);

    public static string Request(string method, string target, params string[] headers)
    {
        var text = new StringBuilder().Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\nHost: edge\r\n");
        foreach (var header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        return text.Append("\r\n").ToString();
    }

    public Task SendAsync(params string[] requests) => stream.WriteAsync(Encoding.ASCII.GetBytes(string.Concat(requests))).AsTask();

    /// <summary>The next response; <paramref name="head"/> for the answer to a HEAD (no body whatever its length says).</summary>
    public async Task<RawResponse> ReadAsync(bool head = false)
    {
        int end;
        while ((end = IndexOf(pending, "\r\n\r\n"u8)) < 0)
        {
            await FillAsync();
        }

        var headText = Encoding.ASCII.GetString(pending.GetRange(0, end).ToArray());
        pending.RemoveRange(0, end + 4);
        var lines = headText.Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToLookup(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var status = int.Parse(lines[0].Split(' ')[1]);
        if (!head && status is not (304 or 204) && headers["Transfer-Encoding"].SingleOrDefault() == "chunked")
        {
            return new RawResponse(status, headers, await ReadChunkedAsync());
        }

        var length = head || status is 304 or 204 ? 0 : int.Parse(headers["Content-Length"].Single());
        return new RawResponse(status, headers, await TakeAsync(length));
    }

    /// <summary>True when the server closed the connection and sent nothing more.</summary>
    public async Task<bool> ClosedAsync()
    {
        var buffer = new byte[1];
        return pending.Count == 0 && await stream.ReadAsync(buffer) == 0;
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<byte[]> ReadChunkedAsync()
    {
        var body = new List<byte>();
        while (true)
        {
            int end;
            while ((end = IndexOf(pending, "\r\n"u8)) < 0)
            {
                await FillAsync();
            }

            var size = Convert.ToInt32(Encoding.ASCII.GetString(pending.GetRange(0, end).ToArray()).Split(';')[0], 16);
            pending.RemoveRange(0, end + 2);
            body.AddRange(await TakeAsync(size));
            await TakeAsync(2);
            if (size == 0)
            {
                return [.. body];
            }
        }
    }

    private async Task<byte[]> TakeAsync(int length)
    {
        while (pending.Count < length)
        {
            await FillAsync();
        }

        var bytes = pending.GetRange(0, length).ToArray();
        pending.RemoveRange(0, length);
        return bytes;
    }

    private async Task FillAsync()
    {
        var buffer = new byte[64 * 1024];
        var n = await stream.ReadAsync(buffer);
        if (n == 0)
        {
            throw new IOException("The server closed the connection in the middle of a response.");
        }

        pending.AddRange(buffer.AsSpan(0, n));
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> value)
    {
        for (var i = 0; i + value.Length <= bytes.Count; i++)
        {
            var match = true;
            for (var j = 0; j < value.Length && match; j++)
            {
                match = bytes[i + j] == value[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
