namespace Marquee.Origin.Catalog;

public sealed record TitlePage(IReadOnlyList<TitleView> Items, int Offset, int Limit);
