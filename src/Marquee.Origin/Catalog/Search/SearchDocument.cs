namespace Marquee.Origin.Catalog.Search;

/// <summary>What the index knows of one title (movie or series). People are cast and crew names.</summary>
public sealed record SearchDocument(
    string TitleId,
    string Name,
    string Synopsis,
    IReadOnlyList<string> Genres,
    IReadOnlyList<string> People,
    int? Year,
    int MaturityRating,
    long AddedAtMs);
