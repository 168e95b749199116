namespace Marquee.Origin.Catalog.Browse;

/// <summary>The home screen for this viewer: where they are, and the rows to show.</summary>
public sealed record BrowsePage(string? Country, string? Region, string? RegionName, IReadOnlyList<BrowseRow> Rows);
