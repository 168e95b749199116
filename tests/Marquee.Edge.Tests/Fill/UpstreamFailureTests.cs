using System.Net;
using Marquee.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Edge.Tests.Fill;

/// <summary>
/// Expired playlists are refetched and, when the upstream fails, served stale (RFC 5861 stale-if-error); an
/// uncached object with the upstream down fails fast with 502/504. Time is a fake clock the test moves.
/// </summary>
public sealed class UpstreamFailureTests : IAsyncLifetime
{
    private const string Playlist = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.0,\nseg-1.m4s\n#EXT-X-ENDLIST\n";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private TestUpstream upstream = null!;
    private EdgeServer edge = null!;

    public async ValueTask InitializeAsync()
    {
        upstream = await TestUpstream.StartAsync();
        upstream.Put(EdgeServer.Asset + "index.m3u8", Playlist);
        edge = await EdgeServer.StartAsync(upstream.Address, o => o.StaleIfError = TimeSpan.FromDays(1), clock);
    }

    public async ValueTask DisposeAsync()
    {
        await edge.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_fresh_playlist_is_served_from_the_cache()
    {
        var token = edge.Token(validFor: TimeSpan.FromDays(3));
        await edge.Http.GetStringAsync(edge.Url("index.m3u8", token));
        clock.Advance(TimeSpan.FromSeconds(59));

        await edge.Http.GetStringAsync(edge.Url("index.m3u8", token));

        Assert.Equal(1, upstream.Requests(EdgeServer.Asset + "index.m3u8"));
    }

    [Fact]
    public async Task An_expired_playlist_is_refetched()
    {
        var token = edge.Token(validFor: TimeSpan.FromDays(3));
        await edge.Http.GetStringAsync(edge.Url("index.m3u8", token));
        clock.Advance(TimeSpan.FromSeconds(61));
        upstream.Put(EdgeServer.Asset + "index.m3u8", Playlist.Replace("seg-1", "seg-9", StringComparison.Ordinal));

        var text = await edge.Http.GetStringAsync(edge.Url("index.m3u8", token));

        Assert.Contains("seg-9.m4s?token=", text, StringComparison.Ordinal);
        Assert.Equal(2, upstream.Requests(EdgeServer.Asset + "index.m3u8"));
    }

    [Fact]
    public async Task An_expired_playlist_is_served_stale_while_the_upstream_is_down()
    {
        var token = edge.Token(validFor: TimeSpan.FromDays(3));
        await edge.Http.GetStringAsync(edge.Url("index.m3u8", token));
        clock.Advance(TimeSpan.FromMinutes(30));
        await upstream.StopAsync();

        using var response = await edge.Http.GetAsync(edge.Url("index.m3u8", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("seg-1.m4s?token=" + token, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The edge counts the serve as the request ends, which can be just after the client has the body.
        await Eventually.TrueAsync(() => edge.Total("marquee.edge.stale_serves") >= 1, "the stale serve is counted");
        Assert.Equal(1, edge.Total("marquee.edge.stale_serves"));
    }

    [Fact]
    public async Task Past_the_stale_if_error_window_the_upstream_failure_shows()
    {
        var token = edge.Token(validFor: TimeSpan.FromDays(3));
        await edge.Http.GetStringAsync(edge.Url("index.m3u8", token));
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(2));
        await upstream.StopAsync();

        using var response = await edge.Http.GetAsync(edge.Url("index.m3u8", token));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(0, edge.Total("marquee.edge.stale_serves"));
    }

    [Fact]
    public async Task An_uncached_object_with_the_upstream_down_is_502()
    {
        upstream.Put(EdgeServer.Asset + "seg-1.m4s", TestBytes.Make(1000));
        await upstream.StopAsync();

        using var response = await edge.Http.GetAsync(edge.Url("seg-1.m4s"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_upstream_that_never_answers_is_504_after_the_first_byte_timeout()
    {
        await using var slow = await EdgeServer.StartAsync(upstream.Address, o => o.UpstreamFirstByteTimeout = TimeSpan.FromMilliseconds(300), clock);
        upstream.Put(EdgeServer.Asset + "seg-1.m4s", TestBytes.Make(1000));
        var hold = upstream.HoldAfter(EdgeServer.Asset + "seg-1.m4s", 0, beforeHeaders: true);

        using var response = await slow.Http.GetAsync(slow.Url("seg-1.m4s"));
        hold.Release();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task An_upstream_404_is_remembered_until_its_time_is_up()
    {
        using var first = await edge.Http.GetAsync(edge.Url("missing.m4s"));
        using var second = await edge.Http.GetAsync(edge.Url("missing.m4s"));
        clock.Advance(TimeSpan.FromSeconds(6));
        using var third = await edge.Http.GetAsync(edge.Url("missing.m4s"));

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, third.StatusCode);
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, upstream.Requests(EdgeServer.Asset + "missing.m4s"));
    }
}
