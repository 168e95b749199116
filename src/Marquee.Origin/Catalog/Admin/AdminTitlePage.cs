namespace Marquee.Origin.Catalog.Admin;

/// <summary>Every title that is not deleted, published or not, newest first.</summary>
public sealed record AdminTitlePage(IReadOnlyList<TitleView> Items, int Offset, int Limit, int Total);
