using System.Globalization;
using System.Text;

namespace Marquee.Bench.Tokens;

/// <summary>
/// Playlists shaped like the pipeline's: a multivariant playlist of five video rungs and an audio group, and the
/// media playlist of one rung of a 10-minute episode (150 segments of 4 s). The multivariant one is the small,
/// worst case for the token's share of the work; the media one is what players fetch most.
/// </summary>
internal static class Playlists
{
    public const string Prefix = "/media/7d0b6c4e2a91f3c5/v1/";

    public static string Multivariant()
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        text.Append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"Main\",LANGUAGE=\"en\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"2\",URI=\"media_5.m3u8\"\n");
        (int Height, int Width, int Kbps)[] rungs = [(240, 426, 400), (360, 640, 800), (480, 854, 1400), (720, 1280, 2800), (1080, 1920, 5000)];
        for (var i = 0; i < rungs.Length; i++)
        {
            var (height, width, kbps) = rungs[i];
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
}
