using System.Text.Json.Serialization;
using Marquee.Origin.Progress;

namespace Marquee.Origin.Catalog;

/// <summary>
/// A title in a row, a list or search results: enough for a poster card. <see cref="Resume"/> is set in the
/// "Continue watching" row only, and left out of the JSON everywhere else.
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ResumeView? Resume = null)
{
    public static TitleSummary From(CatalogEntry entry, Search.TitleAccess access) => new(
        entry.Id, Kinds.Name(entry.Kind), entry.Name, entry.Slug, entry.Year, entry.Genres, entry.MaturityRating, entry.RuntimeMinutes, entry.Poster,
        access == Search.TitleAccess.Free ? "free" : "subscription");
}
