using System.Net;
using System.Net.Http.Headers;
using Marquee.Edge.Tokens;
using Marquee.Origin.Playback;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Delivery;

/// <summary>The origin as an edge's upstream (the edge key) and as a viewer's last pathway (a playback token).</summary>
public sealed class MediaApiTests(ReadyTitleFixture fixture) : IClassFixture<ReadyTitleFixture>, IDisposable
{
    private readonly HttpClient edge = fixture.Server.EdgeHttp();

    private HttpClient Http => edge;

    private string Prefix => fixture.Title.GetProperty("hls").GetString()![..^"master.m3u8".Length];

    [Fact]
    public async Task Segments_are_immutable_and_playlists_short_lived_with_the_right_types()
    {
        using var segment = await Http.GetAsync(Prefix + "seg-0-00001.m4s");
        using var playlist = await Http.GetAsync(Prefix + "master.m3u8");
        using var mpd = await Http.GetAsync(Prefix + "manifest.mpd");
        using var vtt = await Http.GetAsync(Prefix + "trickplay/thumbnails.vtt");
        using var poster = await Http.GetAsync(Prefix + "poster.jpg");

        Assert.Equal("public, max-age=31536000, immutable", segment.Headers.CacheControl!.ToString());
        Assert.Equal("video/iso.segment", segment.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=60", playlist.Headers.CacheControl!.ToString());
        Assert.Equal("application/vnd.apple.mpegurl", playlist.Content.Headers.ContentType!.MediaType);
        Assert.Equal("application/dash+xml", mpd.Content.Headers.ContentType!.MediaType);
        Assert.Equal("text/vtt", vtt.Content.Headers.ContentType!.MediaType);
        Assert.Equal("image/jpeg", poster.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(segment.Headers.ETag);
        Assert.NotNull(segment.Content.Headers.LastModified);
        Assert.Equal("bytes", segment.Headers.AcceptRanges.Single());
    }

    [Fact]
    public async Task Byte_ranges_answer_206_with_exactly_the_requested_bytes()
    {
        var whole = await Http.GetByteArrayAsync(Prefix + "seg-0-00001.m4s");
        using var request = new HttpRequestMessage(HttpMethod.Get, Prefix + "seg-0-00001.m4s");
        request.Headers.Range = new RangeHeaderValue(100, 1099);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 100-1099/{whole.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(whole[100..1100], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Unsatisfiable_range_answers_416()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Prefix + "seg-0-00001.m4s");
        request.Headers.Range = new RangeHeaderValue(50_000_000, 50_000_100);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
    }

    [Fact]
    public async Task Conditional_get_with_the_etag_answers_304_and_head_sends_no_body()
    {
        using var first = await Http.GetAsync(Prefix + "init-0.m4s");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, Prefix + "init-0.m4s");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var head = new HttpRequestMessage(HttpMethod.Head, Prefix + "init-0.m4s");

        using var notModified = await Http.SendAsync(conditional);
        using var headResponse = await Http.SendAsync(head);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
        Assert.Equal(first.Content.Headers.ContentLength, headResponse.Content.Headers.ContentLength);
        Assert.Empty(await headResponse.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("v2/master.m3u8", HttpStatusCode.NotFound)]
    [InlineData("v1/nothing-here.m4s", HttpStatusCode.NotFound)]
    [InlineData("v1/..%2F..%2Fmarquee.db", HttpStatusCode.Forbidden)]
    // Kestrel resolves these to paths outside /media/ before routing, so no media route (and no file) answers them.
    [InlineData("v1/%2e%2e/%2e%2e/%2e%2e/marquee.db", HttpStatusCode.NotFound)]
    [InlineData("v1/../../../marquee.db", HttpStatusCode.NotFound)]
    [InlineData("v1/trickplay/..%5c..%5cmaster.m3u8", HttpStatusCode.Forbidden)]
    public async Task Unpublished_and_missing_paths_are_not_found_and_traversal_is_refused(string tail, HttpStatusCode expected)
    {
        var asset = Prefix.Split('/')[2];

        using var response = await Http.GetAsync(Raw($"/media/{asset}/{tail}"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Viewers_need_a_token_for_the_asset_and_get_playlists_rewritten_for_them()
    {
        using var viewer = new HttpClient { BaseAddress = fixture.Server.Address };
        var token = Token(Prefix);
        var otherAsset = Token("/media/0123456789abcdef/v1/");

        using var without = await viewer.GetAsync(Prefix + "seg-0-00001.m4s");
        using var wrongAsset = await viewer.GetAsync(Prefix + "seg-0-00001.m4s?token=" + otherAsset);
        using var twice = await viewer.GetAsync(Prefix + $"seg-0-00001.m4s?token={token}&token={token}");
        using var tampered = await viewer.GetAsync(Prefix + "seg-0-00001.m4s?token=" + token[..^2] + (token[^2] == 'A' ? "BB" : "AA"));
        var segment = await viewer.GetByteArrayAsync(Prefix + "seg-0-00001.m4s?token=" + token);
        using var master = await viewer.GetAsync(Prefix + "master.m3u8?token=" + token);
        var playlist = await master.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongAsset.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(await edge.GetByteArrayAsync(Prefix + "seg-0-00001.m4s"), segment);
        Assert.True(master.Headers.CacheControl!.Private && master.Headers.CacheControl.NoStore);
        Assert.All(playlist.Split('\n').Where(l => l.Length > 0 && l[0] != '#'), uri => Assert.EndsWith("?token=" + token, uri, StringComparison.Ordinal));
        Assert.Contains("#EXT-X-CONTENT-STEERING:SERVER-URI=", playlist, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_poster_is_artwork_anyone_may_see_but_nothing_else_of_the_asset_is()
    {
        using var viewer = new HttpClient { BaseAddress = fixture.Server.Address };

        using var poster = await viewer.GetAsync(Prefix + "poster.jpg");
        using var thumbnails = await viewer.GetAsync(Prefix + "trickplay/thumbnails.vtt");
        using var master = await viewer.GetAsync(Prefix + "master.m3u8");
        using var unpublished = await viewer.GetAsync("/media/0123456789abcdef/v1/poster.jpg");

        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        Assert.Equal(await edge.GetByteArrayAsync(Prefix + "poster.jpg"), await poster.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, thumbnails.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, master.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
    }

    [Fact]
    public async Task The_origin_refuses_a_capped_viewer_every_file_of_a_rendition_above_the_plan_as_edges_do()
    {
        using var viewer = new HttpClient { BaseAddress = fixture.Server.Address };
        var token = Token(Prefix, maxHeight: 240);

        foreach (var (file, expected) in new[]
        {
            ("media_0.m3u8", HttpStatusCode.OK), ("init-0.m4s", HttpStatusCode.OK), ("seg-0-00001.m4s", HttpStatusCode.OK),
            ("media_1.m3u8", HttpStatusCode.Forbidden), ("init-1.m4s", HttpStatusCode.Forbidden), ("seg-1-00001.m4s", HttpStatusCode.Forbidden),
            ("seg-1-00002.m4s", HttpStatusCode.Forbidden), ("media_2.m3u8", HttpStatusCode.OK), ("seg-2-00001.m4s", HttpStatusCode.OK),
            ("subtitles-en.vtt", HttpStatusCode.OK), ("trickplay/thumbnails.vtt", HttpStatusCode.OK),
        })
        {
            using var response = await viewer.GetAsync(Prefix + file + "?token=" + token);
            Assert.True(expected == response.StatusCode, $"{file}: {(int)response.StatusCode}");
        }

        var mpd = await viewer.GetStringAsync(Prefix + "manifest.mpd?token=" + token);
        Assert.Contains("width=\"426\"", mpd, StringComparison.Ordinal);
        Assert.DoesNotContain("width=\"640\"", mpd, StringComparison.Ordinal);
        using var forEdges = await edge.GetAsync(Prefix + "seg-1-00001.m4s");
        Assert.Equal(HttpStatusCode.OK, forEdges.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_gone_not_forbidden()
    {
        using var viewer = new HttpClient { BaseAddress = fixture.Server.Address };
        var token = Token(Prefix, lifetime: TimeSpan.FromSeconds(-1));

        using var response = await viewer.GetAsync(Prefix + "master.m3u8?token=" + token);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    public void Dispose() => edge.Dispose();

    private string Token(string prefix, TimeSpan? lifetime = null, int maxHeight = 0)
    {
        var keys = fixture.Server.App.Services.GetRequiredService<PlaybackKeys>();
        var claims = new PlaybackClaims(prefix, DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromMinutes(5)), ["eu"], "session1", maxHeight);
        return PlaybackToken.Sign(claims, keys.Current);
    }

    /// <summary>The path exactly as written: HttpClient would otherwise resolve dot segments and %2e%2e itself.</summary>
    private Uri Raw(string pathAndQuery) =>
        new($"{fixture.Server.Address.ToString().TrimEnd('/')}{pathAndQuery}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
}
