using System.Net.Security;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Edge.FastPath;

/// <summary>
/// Puts the fast path in front of Kestrel's HTTP layer. Over plain HTTP it needs the connection's socket (Kestrel's
/// socket transport offers it); over HTTPS it sits behind Kestrel's TLS and writes to the connection's
/// <see cref="SslStream"/>. Without either, or for anything that is not HTTP/1.1 (HTTP/2 by ALPN or by prior
/// knowledge), the connection is Kestrel's as before.
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
            if (connection.Features.Get<ISslStreamFeature>()?.SslStream is { } tls)
            {
                // Behind TLS (the middleware then runs after Kestrel's HTTPS one): HTTP/1.1 only; HTTP/2 is Kestrel's.
                if (tls.NegotiatedApplicationProtocol == SslApplicationProtocol.Http2)
                {
                    return next(connection);
                }

                shared ??= services.GetRequiredService<FastPathServices>();
                return new FastPathConnection(connection, next, new ConnectionOutput(tls), shared).RunAsync();
            }

            if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket || socket.ProtocolType != ProtocolType.Tcp)
            {
                return next(connection);
            }

            shared ??= services.GetRequiredService<FastPathServices>();
            return new FastPathConnection(connection, next, new ConnectionOutput(socket), shared).RunAsync();
        };
    }
}
