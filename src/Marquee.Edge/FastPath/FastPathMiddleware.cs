using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Edge.FastPath;

/// <summary>
/// Puts the fast path in front of Kestrel's HTTP layer on a plain-HTTP endpoint. It needs the connection's socket
/// (Kestrel's socket transport offers it); without one, or for anything that is not HTTP/1.1 (TLS, HTTP/2), the
/// connection is Kestrel's as before.
/// </summary>
/// <remarks>
/// Why not inside Kestrel: Kestrel copies every response body into its output pipe and counts the bytes against
/// Content-Length, so a body cannot reach the socket any other way (no sendfile), and bytes written to the socket
/// behind its back could overtake bytes still in its pipe. Owning the connection's output is what lets a hit leave
/// from the hot tier's array or the page cache directly; Kestrel keeps everything else, request by request.
/// </remarks>
internal static class FastPathMiddleware
{
    public static Func<ConnectionDelegate, ConnectionDelegate> Create(IServiceProvider services)
    {
        FastPathServices? shared = null;
        return next => connection =>
        {
            if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket || socket.ProtocolType != ProtocolType.Tcp)
            {
                return next(connection);
            }

            shared ??= services.GetRequiredService<FastPathServices>();
            return new FastPathConnection(connection, next, socket, shared).RunAsync();
        };
    }
}
