namespace Marquee.Origin.Catalog;

/// <summary>A title in a row, a list or search results: enough for a poster card.</summary>
public sealed record TitleSummary(
    string Id,
    string Kind,
    string Title,
    string Slug,
    int? Year,
    IReadOnlyList<string> Genres,
    int MaturityRating,
    int? RuntimeMinutes,
    string? Poster,
    string Access)
{
    public static TitleSummary From(CatalogEntry entry, Search.TitleAccess access) => new(
        entry.Id, Kinds.Name(entry.Kind), entry.Name, entry.Slug, entry.Year, entry.Genres, entry.MaturityRating, entry.RuntimeMinutes, entry.Poster,
        access == Search.TitleAccess.Free ? "free" : "subscription");
}
