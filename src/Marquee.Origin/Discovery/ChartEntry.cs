namespace Marquee.Origin.Discovery;

/// <summary>One place in a region's chart ("top" today, or "trending"), as the last rebuild counted it.</summary>
public sealed class ChartEntry
{
    public const string Top = "top";
    public const string Trending = "trending";

    /// <summary>The region's id, or empty for viewers in no region (the chart of every play).</summary>
    public required string Region { get; init; }

    public required string Chart { get; init; }

    public int Rank { get; init; }

    public required string TitleId { get; init; }

    public float Score { get; init; }
}
