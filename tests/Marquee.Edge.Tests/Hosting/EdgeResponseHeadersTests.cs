using System.Collections.Concurrent;
using System.Net;
using Marquee.Edge.Hosting;
using Marquee.Edge.Tokens;
using Marquee.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Edge.Tests.Hosting;

/// <summary>The headers every answer of an edge carries: media, problems, health, metrics and unknown paths alike.</summary>
public sealed class EdgeResponseHeadersTests : IAsyncLifetime
{
    private TestUpstream upstream = null!;
    private EdgeServer edge = null!;

    public async ValueTask InitializeAsync()
    {
        upstream = await TestUpstream.StartAsync();
        upstream.Put(EdgeServer.Asset + "seg-1.m4s", TestBytes.Make(1000));
        edge = await EdgeServer.StartAsync(upstream.Address);
    }

    public async ValueTask DisposeAsync()
    {
        await edge.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Theory]
    [InlineData("GET", "seg-1.m4s", HttpStatusCode.OK)]
    [InlineData("HEAD", "seg-1.m4s", HttpStatusCode.OK)]
    [InlineData("GET", "missing.m4s", HttpStatusCode.NotFound)]
    public async Task Media_answers_keep_their_cors_and_add_nosniff_and_no_referrer(string method, string name, HttpStatusCode status)
    {
        using var response = await edge.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), edge.Url(name)));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        AssertHeaders(response);
    }

    [Theory]
    [InlineData("/media/3a94fc793ee6afd1/v1/seg-1.m4s")]
    [InlineData("/media/3a94fc793ee6afd1/v1/seg-1.m4s?token=forged")]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    [InlineData("/no-such-path")]
    public async Task Problems_operations_and_unknown_paths_carry_them_too(string path)
    {
        using var response = await edge.Http.GetAsync(path);

        AssertHeaders(response);
    }

    /// <summary>
    /// The micro-measurement for the hot path: on Kestrel's own header storage, over one kept-alive connection, setting
    /// the headers on each new response allocates nothing once the connection has served its first requests.
    /// </summary>
    [Fact]
    public async Task Setting_them_allocates_nothing_per_request()
    {
        var measured = new ConcurrentQueue<long>();
        var keys = new TokenKeyRing();
        keys.Replace([EdgeServer.KeyA]);
        var options = new EdgeOptions
        {
            Id = "eu-9", Region = "eu", Origin = upstream.Address, Urls = "http://127.0.0.1:0", CacheDirectory = TestPaths.NewScratchFolder("edge"),
            CacheSizeBytes = 64L * 1024 * 1024, EdgeKey = EdgeServer.EdgeKey,
            // Kestrel's path (TLS, HTTP/2, and every request the fast path hands over): the fast path writes its
            // headers from bytes built once per object and never touches these (FastPathTests measures it).
            FastPath = false,
        };
        await using var app = EdgeApp.Build(options, keys, configure: services => services
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IStartupFilter>(new MeasureHeaders(measured)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = new Uri(address) };
        var token = PlaybackToken.Sign(new PlaybackClaims(EdgeServer.Asset, DateTimeOffset.UtcNow.AddHours(1), ["eu"], "session-1", 0), EdgeServer.KeyA);

        for (var i = 0; i < 200; i++)
        {
            using var response = await client.GetAsync(EdgeServer.Asset + "seg-1.m4s?token=" + token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        }

        await app.StopAsync();
        var steady = measured.Skip(20).ToList();
        Assert.Equal(180, steady.Count);
        Assert.True(steady.All(bytes => bytes == 0), $"bytes allocated per request: {string.Join(", ", measured)}");
    }

    private static void AssertHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        // Plain HTTP: HSTS means nothing there, and browsers ignore it.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static string Single(HttpResponseMessage response, string name)
    {
        List<string> values = response.Headers.TryGetValues(name, out var found) ? [.. found]
            : response.Content.Headers.TryGetValues(name, out var content) ? [.. content] : [];
        Assert.True(values.Count == 1, $"{name}: [{string.Join(" | ", values)}] on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");
        return values[0];
    }

    /// <summary>Runs first on every request, on the response's fresh headers, and measures one application of them.</summary>
    private sealed class MeasureHeaders(ConcurrentQueue<long> measured) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(inner => context =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                EdgeResponseHeaders.Apply(context);
                measured.Enqueue(GC.GetAllocatedBytesForCurrentThread() - before);
                return inner(context);
            });
            next(app);
        };
    }
}
