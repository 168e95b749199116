using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Bench.Tokens;

/// <summary>The origin's part: serves the package's playlists, MPD and one segment with the origin's caching, for the edges to fill from.</summary>
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
        var bodies = new Dictionary<string, (byte[] Body, string Type, string CacheControl)>(StringComparer.Ordinal)
        {
            [Playlists.Prefix + "master.m3u8"] = (Encoding.UTF8.GetBytes(Playlists.Multivariant()), "application/vnd.apple.mpegurl", "public, max-age=60"),
            [Playlists.Prefix + "media_3.m3u8"] = (Encoding.UTF8.GetBytes(Playlists.Media()), "application/vnd.apple.mpegurl", "public, max-age=60"),
            [Playlists.Prefix + "manifest.mpd"] = (Encoding.UTF8.GetBytes(Playlists.Mpd()), "application/dash+xml", "public, max-age=60"),
            [Playlists.Prefix + Playlists.Segment] = (new byte[Playlists.SegmentBytes], "video/iso.segment", "public, max-age=31536000, immutable"),
        };
        app.MapGet("/media/{**path}", (HttpContext context) =>
        {
            if (!bodies.TryGetValue(context.Request.Path.Value!, out var found))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = found.CacheControl;
            return Results.Bytes(found.Body, found.Type);
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
