namespace Marquee.Origin.Playback;

/// <summary>
/// One granted playback: what was watched, where, by whom. Per-region popularity (for pre-filling edges), the charts
/// and the recommendations count these.
/// </summary>
public sealed class PlaybackStart
{
    public long Id { get; init; }

    public required string AssetId { get; init; }

    public int Version { get; init; }

    /// <summary>The viewer's region, or empty when the country belongs to none.</summary>
    public required string Region { get; init; }

    public long AtMs { get; init; }

    /// <summary>Who played (the profile), for the charts and recommendations; null on rows from before they were kept.</summary>
    public string? ProfileId { get; init; }

    /// <summary>The movie, or the episode's series; null on rows from before it was kept.</summary>
    public string? TitleId { get; init; }
}
