using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Marquee.Edge.Hosting;

namespace Marquee.Edge.Fill;

/// <summary>
/// Fetches objects from the upstream (the origin, or the parent edge) with the edge key, and turns every way
/// that can fail into a 404, 502 or 504 quickly: connect timeout ≈2 s, first byte ≈5 s. Network timeouts run
/// on the system clock, not the injected one: they are about sockets, not about what time it is for tokens
/// and freshness, and a test that freezes time must not freeze them.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Uri baseUri;
    private readonly AuthenticationHeaderValue authorization;
    private readonly string region;
    private readonly TimeSpan firstByteTimeout;

    public UpstreamClient(EdgeOptions options)
    {
        var upstream = options.Upstream;
        baseUri = upstream.AbsoluteUri.EndsWith('/') ? upstream : new Uri(upstream.AbsoluteUri + "/");
        authorization = new AuthenticationHeaderValue("Bearer", options.EdgeKey);
        region = options.Region;
        firstByteTimeout = options.UpstreamFirstByteTimeout;
        http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = options.UpstreamConnectTimeout,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri BaseAddress => baseUri;

    /// <summary>GET of the whole object, returning once the response headers are in.</summary>
    public async Task<UpstreamResponse> GetAsync(string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, key));
        request.Headers.Authorization = authorization;
        request.Headers.TryAddWithoutValidation(UpstreamHeaders.Region, region);
        using var firstByte = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        firstByte.CancelAfter(firstByteTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, firstByte.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Ours (first byte) or the handler's connect timeout, which surfaces as a cancellation too.
            return new UpstreamResponse(FillStatus.GatewayTimeout, null, "The upstream did not answer in time.");
        }
        catch (HttpRequestException e)
        {
            var timedOut = e.InnerException is TimeoutException || e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut };
            return new UpstreamResponse(timedOut ? FillStatus.GatewayTimeout : FillStatus.BadGateway, null, "The upstream could not be reached: " + e.Message);
        }

        if (response.StatusCode == HttpStatusCode.OK)
        {
            return new UpstreamResponse(FillStatus.Ok, response, "");
        }

        response.Dispose();
        return response.StatusCode == HttpStatusCode.NotFound
            ? new UpstreamResponse(FillStatus.NotFound, null, "No media object at this address.")
            : new UpstreamResponse(FillStatus.BadGateway, null, $"The upstream answered {(int)response.StatusCode}.");
    }

    public void Dispose() => http.Dispose();
}
