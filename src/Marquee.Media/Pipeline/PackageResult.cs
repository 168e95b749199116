using Marquee.Media.Analysis;
using Marquee.Media.Ladder;
using Marquee.Media.Packaging;

namespace Marquee.Media.Pipeline;

/// <summary>
/// A finished package in a local folder, ready to publish: what it holds and how it was made. <see cref="Complexity"/>
/// is what the analysis pass measured, null when per-title bitrates are off or the pass failed (the fixed ladder).
/// </summary>
public sealed record PackageResult(
    string Folder,
    EncodingLadder Ladder,
    IReadOnlyList<PackagedRendition> Renditions,
    TimeSpan Duration,
    IReadOnlyList<SubtitleTrack> Subtitles,
    TitleComplexity? Complexity = null)
{
    /// <summary>The package holds the public preview clip (it is left out when ffmpeg could not cut it).</summary>
    public bool HasPreview => File.Exists(Path.Combine(Folder, Transcoding.OutputLayout.Preview));
}
