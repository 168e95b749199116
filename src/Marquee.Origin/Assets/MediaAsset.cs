namespace Marquee.Origin.Assets;

/// <summary>
/// The media of a title. Objects live under <c>media/{Id}/v{PublishedVersion}/</c>; a version is served only once
/// this row names it, which is the moment of publication.
/// </summary>
public sealed class MediaAsset
{
    public required string Id { get; init; }

    public AssetStatus Status { get; set; }

    /// <summary>0 until the first package is published.</summary>
    public int PublishedVersion { get; set; }

    public double DurationSeconds { get; set; }

    /// <summary>JSON array of the published renditions: <c>[{"width":…,"height":…,"bandwidth":…}]</c>.</summary>
    public string Renditions { get; set; } = "[]";

    public bool HasAudio { get; set; }

    /// <summary>The published package holds <c>preview.mp4</c>, the public clip for shared links and embeds.</summary>
    public bool HasPreview { get; set; }

    /// <summary>Comma-separated subtitle languages.</summary>
    public string Subtitles { get; set; } = "";

    public string? Error { get; set; }

    public long CreatedAtMs { get; init; }

    public long UpdatedAtMs { get; set; }
}
