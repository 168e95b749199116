namespace Marquee.Origin.Catalog;

public sealed class Season
{
    public required string Id { get; init; }

    public required string SeriesId { get; init; }

    public int Number { get; set; }

    public string Name { get; set; } = "";

    public List<Episode> Episodes { get; set; } = [];
}
