using System.Net;
using System.Xml.Linq;

namespace Marquee.Edge.Tests.Delivery;

/// <summary>Viewers get playlists with their token on every URI; the cache keeps (and child edges get) the original.</summary>
public sealed class PlaylistTests : IAsyncLifetime
{
    private const string Multivariant = """
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="en",DEFAULT=YES,URI="audio/index.m3u8"
        #EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,AUDIO="audio"
        360/index.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,AUDIO="audio"
        720/index.m3u8
        """;

    private const string Media = """
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-TARGETDURATION:4
        #EXT-X-MAP:URI="init.mp4"
        #EXTINF:4.0,
        seg-1.m4s
        #EXTINF:4.0,
        seg-2.m4s
        #EXT-X-ENDLIST
        """;

    private const string Mpd = """
        <?xml version="1.0" encoding="utf-8"?>
        <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT8S">
          <Period>
            <AdaptationSet contentType="video">
              <Representation id="0" bandwidth="800000" width="640" height="360">
                <SegmentTemplate initialization="init-$RepresentationID$.m4s" media="chunk-$RepresentationID$-$Number%05d$.m4s" startNumber="1" duration="4" timescale="1"/>
              </Representation>
            </AdaptationSet>
          </Period>
        </MPD>
        """;

    private TestUpstream upstream = null!;
    private EdgeServer edge = null!;

    public async ValueTask InitializeAsync()
    {
        upstream = await TestUpstream.StartAsync();
        upstream.Put(EdgeServer.Asset + "main.m3u8", Multivariant);
        upstream.Put(EdgeServer.Asset + "720/index.m3u8", Media);
        upstream.Put(EdgeServer.Asset + "manifest.mpd", Mpd);
        edge = await EdgeServer.StartAsync(upstream.Address);
    }

    public async ValueTask DisposeAsync()
    {
        await edge.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Theory]
    [InlineData("main.m3u8")]
    [InlineData("720/index.m3u8")]
    public async Task Every_uri_of_an_hls_playlist_carries_the_viewers_token(string name)
    {
        var token = edge.Token();
        // Twice: from the fill, then from the cache.
        for (var i = 0; i < 3; i++)
        {
            using var response = await edge.Http.GetAsync(edge.Url(name, token));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.apple.mpegurl", response.Content.Headers.ContentType!.MediaType);
            Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true });
            Assert.Null(response.Headers.ETag);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var uris = lines.Where(l => !l.StartsWith('#')).ToList();
            Assert.NotEmpty(uris);
            Assert.All(uris, uri => Assert.Contains("token=" + token, uri, StringComparison.Ordinal));
            Assert.All(lines.Where(l => l.Contains("URI=\"", StringComparison.Ordinal)), l => Assert.Contains("token=" + token, l, StringComparison.Ordinal));
        }

        Assert.Equal(1, upstream.Requests(EdgeServer.Asset + name));
    }

    [Fact]
    public async Task Dash_segment_templates_carry_the_token()
    {
        var token = edge.Token();

        var text = await edge.Http.GetStringAsync(edge.Url("manifest.mpd", token));

        var template = XDocument.Parse(text).Descendants().Single(e => e.Name.LocalName == "SegmentTemplate");
        Assert.Contains("token=" + token, template.Attribute("media")!.Value, StringComparison.Ordinal);
        Assert.Contains("token=" + token, template.Attribute("initialization")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_edge_gets_the_original_playlist()
    {
        await edge.Http.GetStringAsync(edge.Url("720/index.m3u8"));
        using var request = new HttpRequestMessage(HttpMethod.Get, EdgeServer.Asset + "720/index.m3u8");
        request.Headers.Authorization = new("Bearer", EdgeServer.EdgeKey);

        using var response = await edge.Http.SendAsync(request);

        Assert.Equal(Media, await response.Content.ReadAsStringAsync());
        Assert.Equal(TestUpstream.ManifestCacheControl, string.Join(", ", response.Headers.GetValues("Cache-Control")));
        Assert.NotNull(response.Headers.ETag);
    }
}
