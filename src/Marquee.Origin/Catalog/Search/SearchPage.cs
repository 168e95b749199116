namespace Marquee.Origin.Catalog.Search;

/// <summary>One page of search results with the facet counts of everything that matched (before paging).</summary>
public sealed record SearchPage(string Query, IReadOnlyList<TitleSummary> Items, int Total, int Offset, int Limit, SearchFacets Facets);
