namespace Marquee.Origin.Catalog.Search;

public sealed record SearchFacetValue(string Value, int Count);
