namespace Marquee.Origin.Catalog;

/// <summary>One episode of a series; licensed, rated and published with its series.</summary>
public sealed class Episode
{
    public required string Id { get; init; }

    public required string SeriesId { get; init; }

    public required string SeasonId { get; init; }

    public int Number { get; set; }

    public required string Name { get; set; }

    public string Synopsis { get; set; } = "";

    public int? RuntimeMinutes { get; set; }

    public string? AssetId { get; set; }
}
