namespace Marquee.Origin.Catalog;

/// <summary>
/// Where an asset's media is and how far its transcoding has got. <see cref="Preview"/> is the public preview clip
/// (no playback token needed), null until a package that holds one is published.
/// </summary>
public sealed record MediaView(
    string? AssetId,
    string Status,
    double? Progress,
    string? Error,
    double? DurationSeconds,
    string? Hls,
    string? Dash,
    string? Poster,
    string? Preview,
    string? Thumbnails,
    IReadOnlyList<string> Subtitles)
{
    public static readonly MediaView Missing = new(null, "missing", null, null, null, null, null, null, null, null, []);
}
