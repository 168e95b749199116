namespace Marquee.Origin.Catalog.Lists;

/// <summary>A title on a profile's "My List".</summary>
public sealed class MyListEntry
{
    public required string ProfileId { get; init; }

    public required string TitleId { get; init; }

    public long AddedAtMs { get; init; }
}
