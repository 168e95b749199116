namespace Marquee.Origin.Catalog;

/// <summary>A movie in the catalog and, through <see cref="AssetId"/>, its media.</summary>
public sealed class Title
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required string Slug { get; set; }

    public string Synopsis { get; set; } = "";

    /// <summary>Comma-separated genre names.</summary>
    public string Genres { get; set; } = "";

    public int? Year { get; set; }

    /// <summary>Free to watch without a subscription.</summary>
    public bool Free { get; set; }

    /// <summary>ISO 3166-1 alpha-2 codes it is licensed in, comma-separated; empty means everywhere.</summary>
    public string Countries { get; set; } = "";

    /// <summary>Minimum viewer age (0, 7, 13, 16 or 18); unrated titles count as 18 so kids profiles never see them by accident.</summary>
    public int MaturityRating { get; set; } = 18;

    public required string AssetId { get; init; }

    public long CreatedAtMs { get; init; }
}
