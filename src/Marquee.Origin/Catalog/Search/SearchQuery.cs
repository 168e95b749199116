namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// One search: free text (empty browses everything, newest first), a page, and facet filters.
/// Genres match any of the given genres, case-insensitively; the year range is inclusive and excludes titles
/// without a year; MaxMaturity keeps titles rated at most this; Access keeps only Free or only Subscription titles.
/// </summary>
public sealed record SearchQuery(
    string Text,
    int Offset = 0,
    int Limit = 20,
    IReadOnlyList<string>? Genres = null,
    int? YearFrom = null,
    int? YearTo = null,
    int? MaxMaturity = null,
    TitleAccess? Access = null);
