namespace Marquee.Origin.Catalog.Search;

public sealed record SearchFacets(
    IReadOnlyList<SearchFacetValue> Genres,
    IReadOnlyList<SearchFacetValue> Decades,
    IReadOnlyList<SearchFacetValue> Maturity,
    IReadOnlyList<SearchFacetValue> Access);
