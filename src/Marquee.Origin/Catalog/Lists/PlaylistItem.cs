namespace Marquee.Origin.Catalog.Lists;

public sealed class PlaylistItem
{
    public required string PlaylistId { get; init; }

    public required string TitleId { get; init; }

    public long AddedAtMs { get; init; }
}
