namespace Marquee.Origin.Catalog.Lists;

/// <summary>A named list a profile made; private to the profile (sharing by link comes with the sharing issue).</summary>
public sealed class Playlist
{
    public required string Id { get; init; }

    public required string ProfileId { get; init; }

    public required string Name { get; set; }

    public List<PlaylistItem> Items { get; set; } = [];

    public long CreatedAtMs { get; init; }
}
