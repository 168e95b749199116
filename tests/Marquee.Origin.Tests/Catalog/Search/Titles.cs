using Marquee.Origin.Catalog.Search;

namespace Marquee.Origin.Tests.Catalog.Search;

/// <summary>Small catalogs for the search tests, and the access rules they search with.</summary>
internal static class Titles
{
    public static SearchDocument Title(
        string id,
        string name,
        string synopsis = "",
        string[]? genres = null,
        string[]? people = null,
        int? year = 2000,
        int maturity = 0,
        long addedAtMs = 0) =>
        new(id, name, synopsis, genres ?? [], people ?? [], year, maturity, addedAtMs);

    public static SearchIndex Index(params SearchDocument[] titles)
    {
        var index = new SearchIndex();
        index.Rebuild(titles);
        return index;
    }

    public static TitleAccess AllFree(string titleId) => TitleAccess.Free;

    public static IReadOnlyList<string> Ids(this SearchResults results) => [.. results.Items.Select(i => i.TitleId)];

    public static string First(this SearchResults results) =>
        results.Items.Count > 0 ? results.Items[0].TitleId : "(nothing)";

    public static SearchResults Find(this SearchIndex index, string text) => index.Search(new SearchQuery(text), AllFree);
}
