namespace Marquee.Origin.Catalog.Browse;

public sealed record BrowseRow(string Id, string Title, IReadOnlyList<TitleSummary> Items);
