using System.Globalization;
using System.Net;
using System.Text;

namespace Marquee.Edge.Tests.Delivery;

/// <summary>
/// A viewer whose plan stops below a rendition gets 403 for every file of it (playlist, init, segments) however
/// the URL was come by, cached or not, and still gets audio, subtitles, manifests, poster and thumbnails. The
/// package is laid out as the pipeline writes one: rendition files named by MPD representation ids.
/// </summary>
public sealed class RenditionLimitTests : IAsyncLifetime
{
    private const string Wide = "/media/77aa000000000001/v1/";
    private const string NoMpd = "/media/77aa000000000002/v1/";
    private const string BrokenMpd = "/media/77aa000000000003/v1/";

    // 16:9: 426x240, 640x360, 854x480, 1280x720; audio is representation 4.
    private static readonly (int Width, int Height)[] Standard = [(426, 240), (640, 360), (854, 480), (1280, 720)];

    // A 1920x800 scope film laddered into boxes.
    private static readonly (int Width, int Height)[] Scope = [(426, 178), (640, 266), (854, 356), (1280, 534), (1920, 800)];

    private TestUpstream upstream = null!;
    private EdgeServer edge = null!;

    public async ValueTask InitializeAsync()
    {
        upstream = await TestUpstream.StartAsync();
        PutPackage(EdgeServer.Asset, Standard);
        PutPackage(Wide, Scope);
        upstream.Put(NoMpd + "seg-3-00001.m4s", TestBytes.Make(2000, 9));
        upstream.Put(BrokenMpd + "manifest.mpd", "<MPD");
        upstream.Put(BrokenMpd + "seg-3-00001.m4s", TestBytes.Make(2000, 10));
        edge = await EdgeServer.StartAsync(upstream.Address);
    }

    public async ValueTask DisposeAsync()
    {
        await edge.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_480p_viewer_gets_every_file_of_the_renditions_up_to_480p_and_403_for_every_file_of_720p()
    {
        var token = edge.Token(maxHeight: 480);
        for (var id = 0; id < Standard.Length; id++)
        {
            var expected = id <= 2 ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            foreach (var file in RenditionFiles(id))
            {
                using var response = await edge.Http.GetAsync(edge.Url(file, token));
                Assert.True(expected == response.StatusCode, $"{file}: {(int)response.StatusCode}, expected {(int)expected}");
                if (expected == HttpStatusCode.Forbidden)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
                    Assert.Contains("480p", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }
            }
        }

        foreach (var file in RenditionFiles(Standard.Length).Concat(["subtitles-en.vtt", "subtitles-en.m3u8", "poster.jpg", "trickplay/thumbnails.vtt", "trickplay/sprite-001.jpg"]))
        {
            using var response = await edge.Http.GetAsync(edge.Url(file, token));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_playlists_a_capped_viewer_gets_list_exactly_the_renditions_the_edge_serves_them()
    {
        var token = edge.Token(maxHeight: 480);

        var master = await edge.Http.GetStringAsync(edge.Url("master.m3u8", token));
        var mpd = await edge.Http.GetStringAsync(edge.Url("manifest.mpd", token));

        Assert.Equal(["media_0.m3u8", "media_1.m3u8", "media_2.m3u8"], Variants(master));
        Assert.Equal(["0", "1", "2", "4", "subtitles-en"], RepresentationIds(mpd));
        Assert.Contains("URI=\"media_4.m3u8?token=", master, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uncapped_viewer_gets_every_rendition()
    {
        var token = edge.Token(maxHeight: 0);
        for (var id = 0; id < Standard.Length; id++)
        {
            foreach (var file in RenditionFiles(id))
            {
                using var response = await edge.Http.GetAsync(edge.Url(file, token));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode}");
            }
        }

        Assert.Equal(4, Variants(await edge.Http.GetStringAsync(edge.Url("master.m3u8", token))).Count);
    }

    [Fact]
    public async Task A_rendition_already_cached_for_a_premium_viewer_gives_a_capped_viewer_none_of_its_bytes()
    {
        var segment = Body(3, "seg-3-00002.m4s");
        Assert.Equal(segment, await edge.Http.GetByteArrayAsync(edge.Url("seg-3-00002.m4s", edge.Token(maxHeight: 2160))));
        Assert.Equal(segment, await edge.Http.GetByteArrayAsync(edge.Url("seg-3-00002.m4s", edge.Token(maxHeight: 1080))));

        var (status, head, body) = await RawHttp.GetAsync(edge.Address, edge.Url("seg-3-00002.m4s", edge.Token(maxHeight: 480)));

        Assert.Equal(403, status);
        Assert.Contains("no-store", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Encoding.Latin1.GetString(segment.AsSpan(0, 64)), Encoding.Latin1.GetString(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(480, 2)]
    [InlineData(720, 3)]
    [InlineData(1080, 4)]
    public async Task A_wide_film_is_limited_by_the_plans_box_not_by_its_height(int plan, int tallestAllowed)
    {
        var token = edge.Token(prefix: Wide, maxHeight: plan);
        for (var id = 0; id < Scope.Length; id++)
        {
            using var response = await edge.Http.GetAsync(Wide + "init-" + id.ToString(CultureInfo.InvariantCulture) + ".m4s?token=" + token);
            var expected = id <= tallestAllowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(expected == response.StatusCode, $"{Scope[id]} on a {plan}p plan: {(int)response.StatusCode}");
        }

        var master = await edge.Http.GetStringAsync(Wide + "master.m3u8?token=" + token);
        Assert.Equal(tallestAllowed + 1, Variants(master).Count);
    }

    [Fact]
    public async Task A_plan_below_every_rendition_gets_the_smallest_one_and_nothing_else()
    {
        var token = edge.Token(maxHeight: 144);

        using var smallest = await edge.Http.GetAsync(edge.Url("seg-0-00001.m4s", token));
        using var next = await edge.Http.GetAsync(edge.Url("seg-1-00001.m4s", token));

        Assert.Equal(HttpStatusCode.OK, smallest.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, next.StatusCode);
        Assert.Equal(["media_0.m3u8"], Variants(await edge.Http.GetStringAsync(edge.Url("master.m3u8", token))));
    }

    [Fact]
    public async Task The_mpd_is_read_once_for_all_of_a_packages_capped_requests()
    {
        var token = edge.Token(prefix: Wide, maxHeight: 720);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await edge.Http.GetAsync(Wide + "seg-" + (i % 5).ToString(CultureInfo.InvariantCulture) + "-00001.m4s?token=" + token);
            Assert.Equal(i % 5 <= 3 ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        }));

        Assert.Equal(1, upstream.Requests(Wide + "manifest.mpd"));
    }

    [Fact]
    public async Task A_package_without_an_mpd_has_nothing_to_limit_and_a_broken_one_is_a_bad_gateway()
    {
        using var noMpd = await edge.Http.GetAsync(NoMpd + "seg-3-00001.m4s?token=" + edge.Token(prefix: NoMpd, maxHeight: 480));
        using var broken = await edge.Http.GetAsync(BrokenMpd + "seg-3-00001.m4s?token=" + edge.Token(prefix: BrokenMpd, maxHeight: 480));

        Assert.Equal(HttpStatusCode.OK, noMpd.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, broken.StatusCode);
    }

    private static IEnumerable<string> RenditionFiles(int id)
    {
        var n = id.ToString(CultureInfo.InvariantCulture);
        return [$"media_{n}.m3u8", $"init-{n}.m4s", $"seg-{n}-00001.m4s", $"seg-{n}-00002.m4s"];
    }

    private static byte[] Body(int id, string file) => TestBytes.Make(3000 + id, (id * 1000) + file.Length + file[^6]);

    private void PutPackage(string prefix, (int Width, int Height)[] ladder)
    {
        var master = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        master.Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"Main\",DEFAULT=YES,URI=\"media_{ladder.Length}.m3u8\"\n");
        master.Append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en\",URI=\"subtitles-en.m3u8\"\n");
        var mpd = new StringBuilder("""
            <?xml version="1.0" encoding="utf-8"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT8S">
              <Period id="0">
                <AdaptationSet id="0" contentType="video" segmentAlignment="true">

            """);
        for (var id = 0; id <= ladder.Length; id++)
        {
            var n = id.ToString(CultureInfo.InvariantCulture);
            if (id < ladder.Length)
            {
                var (w, h) = ladder[id];
                master.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:BANDWIDTH={(id + 1) * 400_000},RESOLUTION={w}x{h},AUDIO=\"audio\",SUBTITLES=\"subs\"\nmedia_{n}.m3u8\n");
                mpd.Append(CultureInfo.InvariantCulture, $"      <Representation id=\"{n}\" mimeType=\"video/mp4\" codecs=\"avc1.64001f\" bandwidth=\"{(id + 1) * 400_000}\" width=\"{w}\" height=\"{h}\" sar=\"1:1\">\n");
                mpd.Append("        <SegmentTemplate timescale=\"1000\" duration=\"4000\" initialization=\"init-$RepresentationID$.m4s\" media=\"seg-$RepresentationID$-$Number%05d$.m4s\" startNumber=\"1\"/>\n      </Representation>\n");
            }
            else
            {
                mpd.Append(CultureInfo.InvariantCulture, $"    </AdaptationSet>\n    <AdaptationSet id=\"1\" contentType=\"audio\">\n      <Representation id=\"{n}\" mimeType=\"audio/mp4\" codecs=\"mp4a.40.2\" bandwidth=\"128000\" audioSamplingRate=\"48000\">\n");
                mpd.Append("        <SegmentTemplate timescale=\"1000\" duration=\"4000\" initialization=\"init-$RepresentationID$.m4s\" media=\"seg-$RepresentationID$-$Number%05d$.m4s\" startNumber=\"1\"/>\n      </Representation>\n    </AdaptationSet>\n");
            }

            upstream.Put(prefix + $"media_{n}.m3u8", $"#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MAP:URI=\"init-{n}.m4s\"\n#EXTINF:4.0,\nseg-{n}-00001.m4s\n#EXTINF:4.0,\nseg-{n}-00002.m4s\n#EXT-X-ENDLIST\n");
            foreach (var file in RenditionFiles(id).Skip(1))
            {
                upstream.Put(prefix + file, Body(id, file));
            }
        }

        mpd.Append("""
                <AdaptationSet id="2" contentType="text" mimeType="text/vtt" lang="en">
                  <Representation id="subtitles-en" bandwidth="256"><BaseURL>subtitles-en.vtt</BaseURL></Representation>
                </AdaptationSet>
              </Period>
            </MPD>

            """);
        upstream.Put(prefix + "master.m3u8", master.ToString());
        upstream.Put(prefix + "manifest.mpd", mpd.ToString());
        upstream.Put(prefix + "subtitles-en.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n");
        upstream.Put(prefix + "subtitles-en.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:8\n#EXTINF:8.0,\nsubtitles-en.vtt\n#EXT-X-ENDLIST\n");
        upstream.Put(prefix + "poster.jpg", TestBytes.Make(500, 7));
        upstream.Put(prefix + "trickplay/thumbnails.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nsprite-001.jpg#xywh=0,0,160,90\n");
        upstream.Put(prefix + "trickplay/sprite-001.jpg", TestBytes.Make(500, 8));
    }

    private static List<string> Variants(string master)
    {
        var lines = master.Split('\n');
        return lines.Where((l, i) => i > 0 && lines[i - 1].StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf('?', StringComparison.Ordinal)]).ToList();
    }

    private static List<string> RepresentationIds(string mpd) =>
        System.Xml.Linq.XDocument.Parse(mpd).Descendants().Where(e => e.Name.LocalName == "Representation").Select(e => (string)e.Attribute("id")!).ToList();
}
