namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// Whether the current viewer may see a title, decided by the caller (licence for the viewer's country now,
/// profile maturity limit, published state). Hidden titles exist neither in results nor in facet counts.
/// </summary>
public enum TitleAccess
{
    Hidden,
    Free,
    Subscription,
}
