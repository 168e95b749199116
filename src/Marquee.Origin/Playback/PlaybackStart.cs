namespace Marquee.Origin.Playback;

/// <summary>One granted playback: what was watched, where. Per-region popularity (for pre-filling edges) counts these.</summary>
public sealed class PlaybackStart
{
    public long Id { get; init; }

    public required string AssetId { get; init; }

    public int Version { get; init; }

    /// <summary>The viewer's region, or empty when the country belongs to none.</summary>
    public required string Region { get; init; }

    public long AtMs { get; init; }
}
