namespace Marquee.Media.Transcoding;

/// <summary>File names inside one packaged rendition set; the manifests reference each other by these.</summary>
public static class OutputLayout
{
    public const string Dash = "manifest.mpd";
    public const string HlsMultivariant = "master.m3u8";
    public const string FfmpegHlsMaster = "ffmpeg-master.m3u8";
    public const string Poster = "poster.jpg";
    public const string TrickplayFolder = "trickplay";
    public const string TrickplayIndex = "trickplay/thumbnails.vtt";
    public const string TrickplaySpritePattern = "sprite-%03d.jpg";
    public const string InitPattern = "init-$RepresentationID$.m4s";
    public const string SegmentPattern = "seg-$RepresentationID$-$Number%05d$.m4s";

    /// <summary>ffmpeg's name for the HLS media playlist of representation <paramref name="index"/>.</summary>
    public static string MediaPlaylist(int index) => $"media_{index}.m3u8";

    public static string SegmentGlob(int index) => $"seg-{index}-*.m4s";

    public static string TrickplaySprite(int number) => $"sprite-{number:000}.jpg";

    public static string SubtitleFile(string language) => $"subtitles-{language}.vtt";

    public static string SubtitlePlaylist(string language) => $"subtitles-{language}.m3u8";
}
