namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// One page of visible matches. Total and the facets count every visible match that passes the filters, before paging.
/// Genres are most frequent first; Decades ("1990s") and Maturity ("0", "7", …) ascend; Access is "free" then "subscription".
/// Values with no match are left out.
/// </summary>
public sealed record SearchResults(
    IReadOnlyList<SearchHit> Items,
    int Total,
    IReadOnlyList<SearchFacetValue> Genres,
    IReadOnlyList<SearchFacetValue> Decades,
    IReadOnlyList<SearchFacetValue> Maturity,
    IReadOnlyList<SearchFacetValue> Access);
