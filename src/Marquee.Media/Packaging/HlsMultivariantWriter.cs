using System.Globalization;
using System.Text;
using Marquee.Media.Ladder;

namespace Marquee.Media.Packaging;

/// <summary>
/// Writes the HLS multivariant playlist ourselves rather than keeping ffmpeg's: ffmpeg omits AVERAGE-BANDWIDTH
/// and FRAME-RATE, lists variants in encode order, and names audio after its internal stream number.
/// </summary>
public static class HlsMultivariantWriter
{
    public const string AudioGroup = "audio";
    public const string SubtitleGroup = "subs";

    /// <param name="startIndex">The rendition listed first, which players start on.</param>
    public static string Write(
        IReadOnlyList<PackagedRendition> video,
        int startIndex,
        FrameRate frameRate,
        (string Playlist, RenditionStats Stats, string Codecs)? audio,
        IReadOnlyList<SubtitleTrack> subtitles)
    {
        var text = new StringBuilder();
        text.Append("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        if (audio is { } a)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"{AudioGroup}\",NAME=\"Main\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"2\",URI=\"{a.Playlist}\"\n");
        }

        for (var i = 0; i < subtitles.Count; i++)
        {
            var s = subtitles[i];
            text.Append(CultureInfo.InvariantCulture,
                $"#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"{SubtitleGroup}\",NAME=\"{Quote(s.Name)}\",LANGUAGE=\"{s.Language}\",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI=\"{Transcoding.OutputLayout.SubtitlePlaylist(s.Language)}\"\n");
        }

        var order = new List<int> { startIndex };
        order.AddRange(Enumerable.Range(0, video.Count).Where(i => i != startIndex));
        foreach (var i in order)
        {
            var v = video[i];
            var peak = v.Stats.PeakBitsPerSecond + (audio?.Stats.PeakBitsPerSecond ?? 0);
            var average = v.Stats.AverageBitsPerSecond + (audio?.Stats.AverageBitsPerSecond ?? 0);
            var codecs = audio is { } withAudio ? $"{v.Codecs},{withAudio.Codecs}" : v.Codecs;
            text.Append(CultureInfo.InvariantCulture,
                $"#EXT-X-STREAM-INF:BANDWIDTH={peak},AVERAGE-BANDWIDTH={average},RESOLUTION={v.Width}x{v.Height},FRAME-RATE={frameRate.ToDecimalString()},CODECS=\"{codecs}\"");
            if (audio is not null)
            {
                text.Append(",AUDIO=\"").Append(AudioGroup).Append('"');
            }

            if (subtitles.Count > 0)
            {
                text.Append(",SUBTITLES=\"").Append(SubtitleGroup).Append('"');
            }

            text.Append('\n').Append(v.Playlist).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A playlist for one whole WebVTT file, so HLS players can offer it as a subtitle track.</summary>
    public static string SubtitlePlaylist(string vttFile, double durationSeconds)
    {
        var target = (int)Math.Ceiling(Math.Max(durationSeconds, 1));
        return string.Create(CultureInfo.InvariantCulture,
            $"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:{target}\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:{durationSeconds:0.000},\n{vttFile}\n#EXT-X-ENDLIST\n");
    }

    private static string Quote(string value) => value.Replace("\"", "'", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
