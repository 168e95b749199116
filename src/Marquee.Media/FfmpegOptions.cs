namespace Marquee.Media;

/// <summary>Configuration section <c>Ffmpeg</c>: where the tools are and how hard they may work.</summary>
public sealed class FfmpegOptions
{
    public const string Section = "Ffmpeg";

    public string FfmpegPath { get; set; } = "ffmpeg";

    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>x264 preset for the ladder; <c>veryfast</c> keeps a 2-core machine at about real time for 1080p.</summary>
    public string Preset { get; set; } = "veryfast";

    /// <summary>Segment (and GOP) duration in seconds.</summary>
    public int SegmentSeconds { get; set; } = 4;

    /// <summary>A probe or encode that prints nothing for this long is considered hung and is killed.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Per-title bitrates: a quick analysis encode of a few sampled scenes sets each title's ladder bitrates, so an
    /// easy title gets fewer bits and a hard one more. Off: every title gets the fixed ladder's bitrates.
    /// </summary>
    public bool PerTitleBitrates { get; set; } = true;

    /// <summary>
    /// Cut the public preview clip (<c>preview.mp4</c>) into every package. Off only to measure what it costs
    /// (bench/preview); a package without one publishes with no preview.
    /// </summary>
    public bool Previews { get; set; } = true;

    /// <summary>
    /// The longest the analysis pass may take; past it the title gets the fixed ladder's bitrates. The pass samples
    /// at most a minute of video, so it normally ends long before this.
    /// </summary>
    public TimeSpan AnalysisTimeout { get; set; } = TimeSpan.FromMinutes(3);
}
