using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Bench.Coalescing;

/// <summary>
/// An origin with a far-away feel: every response waits the first-byte latency before its headers, then sends
/// the body paced to a bandwidth, in 64 KiB pieces. Counts the requests for each path.
/// </summary>
internal sealed class SlowOrigin : IAsyncDisposable
{
    private const int Piece = 64 * 1024;

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> requests = new(StringComparer.Ordinal);

    private SlowOrigin(WebApplication app)
    {
        this.app = app;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    public Uri Address { get; }

    public int Requests(string path) => requests.TryGetValue(path, out var n) ? n : 0;

    public static async Task<SlowOrigin> StartAsync(TimeSpan latency, double bytesPerSecond, byte[] body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        SlowOrigin? origin = null;
        app.MapGet("/media/{**path}", async (HttpContext context) =>
        {
            origin!.requests.AddOrUpdate(context.Request.Path.Value!, 1, (_, n) => n + 1);
            await Task.Delay(latency, context.RequestAborted);
            context.Response.ContentType = "video/iso.segment";
            context.Response.ContentLength = body.Length;
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            context.Response.Headers.ETag = "\"bench\"";
            var clock = Stopwatch.StartNew();
            for (var sent = 0; sent < body.Length;)
            {
                var due = TimeSpan.FromSeconds(sent / bytesPerSecond);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, context.RequestAborted);
                }

                var count = Math.Min(Piece, body.Length - sent);
                await context.Response.Body.WriteAsync(body.AsMemory(sent, count), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                sent += count;
            }
        });
        await app.StartAsync();
        origin = new SlowOrigin(app);
        return origin;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
