using System.Text;
using System.Xml.Linq;
using Marquee.Edge.Playlists;
using Marquee.Edge.Tokens;

namespace Marquee.Edge.Tests.Playlists;

public sealed class PlaylistRewriterTests
{
    private const string Master = """
        #EXTM3U
        #EXT-X-VERSION:7
        #EXT-X-INDEPENDENT-SEGMENTS
        #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Main",DEFAULT=YES,URI="media_4.m3u8"
        #EXT-X-STREAM-INF:BANDWIDTH=855136,RESOLUTION=640x360,CODECS="avc1.64001e",AUDIO="audio"
        media_1.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=422330,RESOLUTION=426x240,CODECS="avc1.640015",AUDIO="audio"
        media_0.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=3093228,RESOLUTION=1280x720,CODECS="avc1.64001f",AUDIO="audio"
        media_3.m3u8

        """;

    private const string Media = """
        #EXTM3U
        #EXT-X-VERSION:6
        #EXT-X-TARGETDURATION:4
        #EXT-X-MAP:URI="init-0.m4s"
        #EXTINF:4.000000,
        seg-0-00001.m4s
        #EXT-X-ENDLIST

        """;

    private const string Mpd = """
        <?xml version="1.0" encoding="utf-8"?>
        <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static">
          <Period id="0">
            <AdaptationSet id="0" contentType="video" maxWidth="1280" maxHeight="720">
              <Representation id="0" width="426" height="240"><SegmentTemplate initialization="init-$RepresentationID$.m4s" media="seg-$RepresentationID$-$Number%05d$.m4s" /></Representation>
              <Representation id="3" width="1280" height="720"><SegmentTemplate initialization="init-$RepresentationID$.m4s" media="seg-$RepresentationID$-$Number%05d$.m4s" /></Representation>
            </AdaptationSet>
            <AdaptationSet id="2" contentType="text"><Representation id="s"><BaseURL>subtitles-en.vtt</BaseURL></Representation></AdaptationSet>
          </Period>
        </MPD>
        """;

    private static PlaybackClaims Claims(int maxHeight) => new("/media/a1/v1/", DateTimeOffset.UnixEpoch.AddYears(60), ["eu"], "sess", maxHeight);

    private static string Rewrite(string key, string text, int maxHeight, SteeringTarget? steering = null)
    {
        var rewriter = new PlaylistRewriter();
        rewriter.UseSteering(steering);
        return Encoding.UTF8.GetString(rewriter.Rewrite(key, Encoding.UTF8.GetBytes(text), "T.O.K", Claims(maxHeight)));
    }

    [Fact]
    public void Every_uri_of_a_media_playlist_carries_the_token()
    {
        var text = Rewrite("media/a1/v1/media_0.m3u8", Media, 0);

        Assert.Contains("#EXT-X-MAP:URI=\"init-0.m4s?token=T.O.K\"", text, StringComparison.Ordinal);
        Assert.Contains("\nseg-0-00001.m4s?token=T.O.K\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CONTENT-STEERING", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Renditions_above_the_plan_leave_the_multivariant_playlist_and_steering_names_this_edges_pathway()
    {
        var text = Rewrite("media/a1/v1/master.m3u8", Master, 480, new SteeringTarget(new Uri("http://127.0.0.1:8080/api/v1/steering/"), "eu-1"));

        Assert.DoesNotContain("media_3.m3u8", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1280x720", text, StringComparison.Ordinal);
        Assert.Contains("\nmedia_0.m3u8?token=T.O.K\n", text, StringComparison.Ordinal);
        Assert.Contains("\nmedia_1.m3u8?token=T.O.K\n", text, StringComparison.Ordinal);
        Assert.Contains("URI=\"media_4.m3u8?token=T.O.K\"", text, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-CONTENT-STEERING:SERVER-URI=\"http://127.0.0.1:8080/api/v1/steering/sess/eu-1?token=T.O.K\",PATHWAY-ID=\"eu-1\"", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split('\n').Count(l => l.StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal) && l.Contains(",PATHWAY-ID=\"eu-1\"", StringComparison.Ordinal)));
        Assert.Contains("RESOLUTION=426x240,CODECS=\"avc1.640015\",AUDIO=\"audio\",PATHWAY-ID=\"eu-1\",STABLE-VARIANT-ID=\"media_0.m3u8\"\nmedia_0.m3u8?token=T.O.K\n", text, StringComparison.Ordinal);
        Assert.Contains(",STABLE-RENDITION-ID=\"media_4.m3u8\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_below_every_rendition_still_gets_the_smallest_one()
    {
        var text = Rewrite("media/a1/v1/master.m3u8", Master, 144);

        Assert.Equal(["media_0.m3u8?token=T.O.K"], text.Split('\n').Where(l => l.StartsWith("media_", StringComparison.Ordinal) && !l.StartsWith("media_4", StringComparison.Ordinal)));
    }

    [Fact]
    public void Dash_loses_representations_above_the_plan_and_every_template_and_base_url_carries_the_token()
    {
        var text = Rewrite("media/a1/v1/manifest.mpd", Mpd, 480);
        var mpd = XDocument.Parse(text);
        XNamespace ns = "urn:mpeg:dash:schema:mpd:2011";

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.Ordinal);
        Assert.Equal(["0", "s"], mpd.Descendants(ns + "Representation").Select(r => (string)r.Attribute("id")!));
        Assert.Equal("240", (string)mpd.Descendants(ns + "AdaptationSet").First().Attribute("maxHeight")!);
        Assert.Equal("seg-$RepresentationID$-$Number%05d$.m4s?token=T.O.K", (string)mpd.Descendants(ns + "SegmentTemplate").Single().Attribute("media")!);
        Assert.Equal("subtitles-en.vtt?token=T.O.K", mpd.Descendants(ns + "BaseURL").Single().Value);
    }

    [Fact]
    public void A_wide_films_renditions_are_kept_by_the_plans_box_in_hls_and_dash_alike()
    {
        const string wide = """
            #EXTM3U
            #EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=854x356
            media_2.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=1280x534
            media_3.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1920x800
            media_4.m3u8

            """;
        const string wideMpd = """
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011"><Period><AdaptationSet contentType="video" maxWidth="1920" maxHeight="800">
              <Representation id="2" width="854" height="356"/><Representation id="3" width="1280" height="534"/><Representation id="4" width="1920" height="800"/>
            </AdaptationSet></Period></MPD>
            """;
        XNamespace ns = "urn:mpeg:dash:schema:mpd:2011";

        var hls480 = Rewrite("media/a1/v1/master.m3u8", wide, 480);
        var hls720 = Rewrite("media/a1/v1/master.m3u8", wide, 720);
        var dash720 = XDocument.Parse(Rewrite("media/a1/v1/manifest.mpd", wideMpd, 720));

        Assert.Contains("media_2.m3u8", hls480, StringComparison.Ordinal);
        Assert.DoesNotContain("media_3.m3u8", hls480, StringComparison.Ordinal);
        Assert.Contains("media_3.m3u8", hls720, StringComparison.Ordinal);
        Assert.DoesNotContain("media_4.m3u8", hls720, StringComparison.Ordinal);
        Assert.Equal(["2", "3"], dash720.Descendants(ns + "Representation").Select(r => (string)r.Attribute("id")!));
        Assert.Equal(("1280", "534"), ((string)dash720.Descendants(ns + "AdaptationSet").Single().Attribute("maxWidth")!, (string)dash720.Descendants(ns + "AdaptationSet").Single().Attribute("maxHeight")!));
    }
}
