namespace Marquee.Origin.Catalog;

public sealed record TitlePage(IReadOnlyList<TitleSummary> Items, int Offset, int Limit, int Total);
