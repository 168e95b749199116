using Marquee.Origin.Catalog.Licensing;

namespace Marquee.Origin.Catalog;

/// <summary>A published, playable title as browse and search hold it in memory; replaced whole on every change.</summary>
public sealed record CatalogEntry(
    string Id,
    TitleKind Kind,
    string Name,
    string Slug,
    string Synopsis,
    IReadOnlyList<string> Genres,
    IReadOnlyList<string> People,
    int? Year,
    int? RuntimeMinutes,
    int MaturityRating,
    string? Poster,
    long PublishedAtMs,
    Licence[] Licences,
    string Language = "");
