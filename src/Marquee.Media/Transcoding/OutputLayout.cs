namespace Marquee.Media.Transcoding;

/// <summary>File names inside one packaged rendition set; the manifests reference each other by these.</summary>
public static class OutputLayout
{
    public const string Dash = "manifest.mpd";
    public const string HlsMultivariant = "master.m3u8";
    public const string FfmpegHlsMaster = "ffmpeg-master.m3u8";
    public const string Poster = "poster.jpg";

    /// <summary>The public preview clip: served without a playback token, like the poster.</summary>
    public const string Preview = "preview.mp4";
    public const string TrickplayFolder = "trickplay";
    public const string TrickplayIndex = "trickplay/thumbnails.vtt";
    public const string TrickplaySpritePattern = "sprite-%03d.jpg";
    public const string InitPattern = "init-$RepresentationID$.m4s";
    public const string SegmentPattern = "seg-$RepresentationID$-$Number%05d$.m4s";

    /// <summary>ffmpeg's name for the HLS media playlist of representation <paramref name="index"/>.</summary>
    public static string MediaPlaylist(int index) => $"media_{index}.m3u8";

    public static string SegmentGlob(int index) => $"seg-{index}-*.m4s";

    /// <summary>
    /// The representation a file of one rendition belongs to, from its name alone: <c>media_{id}.m3u8</c>,
    /// <c>init-{id}.m4s</c> or <c>seg-{id}-{number}.m4s</c>. False for everything else (manifests, subtitles,
    /// poster, thumbnails, anything in a folder). Allocation-free: the edge asks on every capped request.
    /// </summary>
    public static bool TryParseRendition(ReadOnlySpan<char> name, out int id)
    {
        id = -1;
        ReadOnlySpan<char> digits;
        if (name.StartsWith("media_") && name.EndsWith(".m3u8"))
        {
            digits = name["media_".Length..^".m3u8".Length];
        }
        else if (name.StartsWith("init-") && name.EndsWith(".m4s"))
        {
            digits = name["init-".Length..^".m4s".Length];
        }
        else if (name.StartsWith("seg-") && name.EndsWith(".m4s"))
        {
            var rest = name["seg-".Length..^".m4s".Length];
            var dash = rest.IndexOf('-');
            if (dash < 0 || !AllDigits(rest[(dash + 1)..]))
            {
                return false;
            }

            digits = rest[..dash];
        }
        else
        {
            return false;
        }

        if (!AllDigits(digits) || digits.Length > 4)
        {
            return false;
        }

        id = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    public static string TrickplaySprite(int number) => $"sprite-{number:000}.jpg";

    public static string SubtitleFile(string language) => $"subtitles-{language}.vtt";

    public static string SubtitlePlaylist(string language) => $"subtitles-{language}.m3u8";

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
