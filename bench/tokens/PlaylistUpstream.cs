using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Bench.Tokens;

/// <summary>The origin's part: serves the two playlists with the origin's caching (max-age 60), for the edges to fill from.</summary>
internal sealed class PlaylistUpstream : IAsyncDisposable
{
    private readonly WebApplication app;

    private PlaylistUpstream(WebApplication app)
    {
        this.app = app;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    public Uri Address { get; }

    public static async Task<PlaylistUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var bodies = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [Playlists.Prefix + "master.m3u8"] = Encoding.UTF8.GetBytes(Playlists.Multivariant()),
            [Playlists.Prefix + "media_3.m3u8"] = Encoding.UTF8.GetBytes(Playlists.Media()),
        };
        app.MapGet("/media/{**path}", (HttpContext context) =>
        {
            if (!bodies.TryGetValue(context.Request.Path.Value!, out var body))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=60";
            return Results.Bytes(body, "application/vnd.apple.mpegurl");
        });
        await app.StartAsync();
        return new PlaylistUpstream(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
