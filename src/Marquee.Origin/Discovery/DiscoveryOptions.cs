using System.ComponentModel.DataAnnotations;

namespace Marquee.Origin.Discovery;

/// <summary>Configuration section <c>Discovery</c>: how often the recommendation model follows new signals, how long they are kept.</summary>
public sealed class DiscoveryOptions
{
    public const string Section = "Discovery";

    /// <summary>
    /// How often an origin looks for new signals (plays, progress, ratings, catalog changes) and rebuilds when there
    /// are some: a new signal is in the model within two of these.
    /// </summary>
    [Range(1, 86_400)]
    public int RefreshSeconds { get; set; } = 30;

    /// <summary>Playback starts older than this are deleted; the charts need a week, the neighbours a season or more.</summary>
    [Range(8, 3650)]
    public int HistoryDays { get; set; } = 365;

    /// <summary>Neighbours kept per title.</summary>
    [Range(5, 200)]
    public int Neighbours { get; set; } = 40;
}
