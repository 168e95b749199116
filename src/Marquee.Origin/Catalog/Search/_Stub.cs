#pragma warning disable
namespace Marquee.Origin.Catalog.Search;
public sealed record SearchDocument(string TitleId, string Name, string Synopsis, IReadOnlyList<string> Genres, IReadOnlyList<string> People, int? Year, int MaturityRating, long AddedAtMs);
public enum TitleAccess { Hidden, Free, Subscription }
public sealed record SearchQuery(string Text, int Offset = 0, int Limit = 20, IReadOnlyList<string>? Genres = null, int? YearFrom = null, int? YearTo = null, int? MaxMaturity = null, TitleAccess? Access = null);
public sealed record SearchHit(string TitleId, float Score);
public sealed record SearchFacetValue(string Value, int Count);
public sealed record SearchResults(IReadOnlyList<SearchHit> Items, int Total, IReadOnlyList<SearchFacetValue> Genres, IReadOnlyList<SearchFacetValue> Decades, IReadOnlyList<SearchFacetValue> Maturity, IReadOnlyList<SearchFacetValue> Access);
public sealed class SearchIndex : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SearchDocument> _docs = new();
    public void Rebuild(IEnumerable<SearchDocument> all) { _docs.Clear(); foreach (var d in all) _docs[d.TitleId] = d; }
    public void Upsert(SearchDocument document) => _docs[document.TitleId] = document;
    public void Remove(string titleId) => _docs.TryRemove(titleId, out _);
    public int Count => _docs.Count;
    public SearchResults Search(SearchQuery query, Func<string, TitleAccess> access)
    {
        var hits = _docs.Values.Where(d => access(d.TitleId) != TitleAccess.Hidden && (query.Text.Length == 0 || d.Name.Contains(query.Text, StringComparison.OrdinalIgnoreCase))).ToList();
        return new(hits.Skip(query.Offset).Take(query.Limit).Select(d => new SearchHit(d.TitleId, 1)).ToList(), hits.Count, [], [], [], []);
    }
    public void Dispose() { }
}
public static class SearchText { public const int MaxLength = 200; public static string? Validate(string? text) => text is { Length: > MaxLength } ? "too long" : null; }
