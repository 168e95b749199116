namespace Marquee.Origin.Catalog;

/// <summary>
/// A title page: metadata, the movie's media (status, manifests, poster, public preview…) or a series' seasons and episodes, and
/// the viewer's access tier ("free" or "subscription"; null in admin views).
/// </summary>
public sealed record TitleView(
    string Id,
    string Kind,
    string Title,
    string Slug,
    string Synopsis,
    IReadOnlyList<string> Genres,
    int? Year,
    int? RuntimeMinutes,
    string OriginalLanguage,
    int MaturityRating,
    IReadOnlyList<CreditView> Credits,
    string? Access,
    bool Published,
    bool Shareable,
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
    IReadOnlyList<string> Subtitles,
    MediaView? Trailer,
    IReadOnlyList<SeasonView> Seasons);
