using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Marquee.Edge.FastPath;

/// <summary>
/// Where the fast path writes a connection's responses: the socket itself over plain HTTP (where a body may also
/// leave by <c>sendfile</c>), or the connection's <see cref="SslStream"/> over HTTPS, which encrypts straight from
/// the bytes it is given (the hot tier's array) without Kestrel's output pipe in between.
/// </summary>
internal sealed class ConnectionOutput
{
    private readonly Socket? socket;
    private readonly SslStream? tls;

    public ConnectionOutput(Socket socket) => this.socket = socket;

    public ConnectionOutput(SslStream tls) => this.tls = tls;

    /// <summary>The socket when bytes reach it as they are (plain HTTP): only then can a file be sent by <c>sendfile</c>.</summary>
    public Socket? PlainSocket => socket;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes)
    {
        if (socket is not null)
        {
            await socket.SendAsync(bytes, SocketFlags.None);
        }
        else
        {
            await tls!.WriteAsync(bytes);
        }
    }
}
