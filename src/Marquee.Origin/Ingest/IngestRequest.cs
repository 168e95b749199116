using Marquee.Media.Subtitles;

namespace Marquee.Origin.Ingest;

/// <summary>
/// A file to ingest and the title to create for it. <see cref="SourcePath"/> may be any local path: ingest moves
/// or copies it into staging under a server-generated name before ffprobe or ffmpeg sees it.
/// </summary>
public sealed record IngestRequest(string SourcePath, string Title)
{
    public bool MoveSource { get; init; }

    public bool Free { get; init; }

    public IReadOnlyList<string> Countries { get; init; } = [];

    public string Synopsis { get; init; } = "";

    public IReadOnlyList<string> Genres { get; init; } = [];

    public int? Year { get; init; }

    /// <summary>Minimum viewer age: 0, 7, 13, 16 or 18 (the default: unrated counts as adult).</summary>
    public int MaturityRating { get; init; } = 18;

    public IReadOnlyList<SubtitleSource> Subtitles { get; init; } = [];
}
