using Marquee.Media.Subtitles;

namespace Marquee.Origin.Ingest;

/// <summary>
/// A file to ingest and the title to create for it. <see cref="SourcePath"/> may be any local path: ingest moves
/// or copies it into staging under a server-generated name before ffprobe or ffmpeg sees it.
/// </summary>
public sealed record IngestRequest(string SourcePath, string Title)
{
    public bool MoveSource { get; init; }

    /// <summary>Licence the new title worldwide (or in <see cref="Countries"/>) on the free tier rather than for subscribers.</summary>
    public bool Free { get; init; }

    /// <summary>Countries to license the new title in, from now on; empty means everywhere.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    /// <summary>Keep the new title unpublished (hidden) until an admin publishes it.</summary>
    public bool Draft { get; init; }

    /// <summary>Attach the media to an existing title, episode or trailer slot instead of creating a title.</summary>
    public IngestTarget? AttachTo { get; init; }

    public string Synopsis { get; init; } = "";

    public IReadOnlyList<string> Genres { get; init; } = [];

    public int? Year { get; init; }

    /// <summary>Minimum viewer age: 0, 7, 13, 16 or 18 (the default: unrated counts as adult).</summary>
    public int MaturityRating { get; init; } = 18;

    public IReadOnlyList<SubtitleSource> Subtitles { get; init; } = [];
}
