namespace Marquee.Origin.Catalog;

/// <summary>A title as the API returns it, with where its media is and how far its transcoding has got.</summary>
public sealed record TitleView(
    string Id,
    string Title,
    string Slug,
    string Synopsis,
    IReadOnlyList<string> Genres,
    int? Year,
    bool Free,
    IReadOnlyList<string> Countries,
    int MaturityRating,
    string Status,
    double? Progress,
    string? Error,
    double? DurationSeconds,
    string? Hls,
    string? Dash,
    string? Poster,
    string? Thumbnails,
    IReadOnlyList<string> Subtitles);
