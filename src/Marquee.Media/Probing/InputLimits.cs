namespace Marquee.Media.Probing;

/// <summary>Configuration section <c>Ingest:Limits</c>: what a source may be before any transcoding starts.</summary>
public sealed class InputLimits
{
    public const string Section = "Ingest:Limits";

    public long MaxBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(6);

    public int MaxWidth { get; set; } = 7680;

    public int MaxHeight { get; set; } = 4320;

    public int MaxStreams { get; set; } = 16;

    public double MaxFrameRate { get; set; } = 120;

    /// <summary>
    /// Demuxers ffprobe and ffmpeg may use on a source (ffmpeg's names). Everything else, in particular
    /// playlists (hls), concat scripts, image sequences and text formats, is refused before it is parsed.
    /// </summary>
    public IList<string> AllowedContainers { get; } =
        ["mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm", "avi", "mpegts", "flv"];
}
