using System.Text.Json.Serialization;
using Marquee.Origin.Progress;

namespace Marquee.Origin.Catalog;

/// <summary>
/// A title in a row, a list or search results: enough for a poster card. <see cref="Resume"/> is set in the
/// "Continue watching" row only, <see cref="Rank"/> (1 to 10) in the top 10 only; both are left out of the JSON elsewhere.
/// </summary>
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
    string Access,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ResumeView? Resume = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Rank = null)
{
    public static TitleSummary From(CatalogEntry entry, Search.TitleAccess access) => new(
        entry.Id, Kinds.Name(entry.Kind), entry.Name, entry.Slug, entry.Year, entry.Genres, entry.MaturityRating, entry.RuntimeMinutes, entry.Poster,
        access == Search.TitleAccess.Free ? "free" : "subscription");
}
