namespace Marquee.Origin.Catalog.Lists;

/// <summary>A named list a profile made; private to the profile unless it made the list public (then anyone with the link sees it at <c>/list/{Id}</c>).</summary>
public sealed class Playlist
{
    public required string Id { get; init; }

    public required string ProfileId { get; init; }

    public required string Name { get; set; }

    public bool IsPublic { get; set; }

    public List<PlaylistItem> Items { get; set; } = [];

    public long CreatedAtMs { get; init; }
}
