using System.Globalization;
using System.Text;

namespace Marquee.Bench.Tokens;

/// <summary>
/// A package's playlists shaped like the pipeline's: a multivariant playlist of five video rungs and an audio group, and the
/// media playlist of one rung of a 10-minute episode (150 segments of 4 s). The multivariant one is the small,
/// worst case for the token's share of the work; the media one is what players fetch most.
/// </summary>
internal static class Playlists
{
    public const string Prefix = "/media/7d0b6c4e2a91f3c5/v1/";

    /// <summary>A small segment of the 480p rung: per-request work weighs most on small bodies.</summary>
    public const string Segment = "seg-2-00001.m4s";

    public const int SegmentBytes = 16 * 1024;

    private static readonly (int Height, int Width, int Kbps)[] Rungs = [(240, 426, 400), (360, 640, 800), (480, 854, 1400), (720, 1280, 2800), (1080, 1920, 5000)];

    public static string Multivariant()
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        text.Append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"Main\",LANGUAGE=\"en\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"2\",URI=\"media_5.m3u8\"\n");
        for (var i = 0; i < Rungs.Length; i++)
        {
            var (height, width, kbps) = Rungs[i];
            text.Append(CultureInfo.InvariantCulture,
                $"#EXT-X-STREAM-INF:BANDWIDTH={(kbps + 128) * 1100},AVERAGE-BANDWIDTH={(kbps + 128) * 1000},CODECS=\"avc1.640028,mp4a.40.2\",RESOLUTION={width}x{height},FRAME-RATE=30.000,AUDIO=\"audio\"\nmedia_{i}.m3u8\n");
        }

        return text.ToString();
    }

    public static string Media()
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:1\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init-3.m4s\"\n");
        for (var i = 1; i <= 150; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:4.000000,\nseg-3-{i:00000}.m4s\n");
        }

        return text.Append("#EXT-X-ENDLIST\n").ToString();
    }

    /// <summary>The package's MPD as the pipeline writes it (video representations 0–4, audio 5): what the rung check reads.</summary>
    public static string Mpd()
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\">\n<Period id=\"0\">\n<AdaptationSet id=\"0\" contentType=\"video\">\n");
        for (var i = 0; i < Rungs.Length; i++)
        {
            var (height, width, kbps) = Rungs[i];
            text.Append(CultureInfo.InvariantCulture, $"<Representation id=\"{i}\" mimeType=\"video/mp4\" bandwidth=\"{kbps * 1000}\" width=\"{width}\" height=\"{height}\"/>\n");
        }

        return text.Append("</AdaptationSet>\n<AdaptationSet id=\"1\" contentType=\"audio\"><Representation id=\"5\" mimeType=\"audio/mp4\" bandwidth=\"128000\"/></AdaptationSet>\n</Period>\n</MPD>\n").ToString();
    }
}
