using Marquee.Origin.Catalog.Search;

namespace Marquee.Origin.Catalog.Browse;

/// <summary>
/// What browse shows every viewer in one country at one maturity limit alike: the titles they may see, and the rows
/// ordered over all of them (new here, free, one per genre). <see cref="NewItems"/> is the "new" row without its
/// name, which depends on the region.
/// </summary>
public sealed record SharedRows(
    IReadOnlyDictionary<string, (CatalogEntry Entry, TitleAccess Access)> Visible,
    IReadOnlyList<TitleSummary> NewItems,
    BrowseRow Free,
    IReadOnlyList<BrowseRow> Genres);
