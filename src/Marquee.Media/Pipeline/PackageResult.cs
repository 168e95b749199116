using Marquee.Media.Ladder;
using Marquee.Media.Packaging;

namespace Marquee.Media.Pipeline;

/// <summary>A finished package in a local folder, ready to publish: what it holds and how it was made.</summary>
public sealed record PackageResult(
    string Folder,
    EncodingLadder Ladder,
    IReadOnlyList<PackagedRendition> Renditions,
    TimeSpan Duration,
    IReadOnlyList<SubtitleTrack> Subtitles);
