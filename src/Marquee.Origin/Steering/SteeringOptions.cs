using System.ComponentModel.DataAnnotations;

namespace Marquee.Origin.Steering;

/// <summary>Configuration section <c>Steering</c>: heartbeats, when an edge counts as gone or overloaded, region distances.</summary>
public sealed class SteeringOptions
{
    public const string Section = "Steering";

    [Range(1, 60)]
    public int HeartbeatSeconds { get; set; } = 3;

    /// <summary>Heartbeats an edge may miss before steering stops sending viewers to it.</summary>
    [Range(1, 20)]
    public int MissedHeartbeats { get; set; } = 3;

    /// <summary>Load factor (1.0 = full) from which an edge is ranked after the other edges of its region.</summary>
    [Range(0.1, 10)]
    public double OverloadedAt { get; set; } = 0.85;

    /// <summary>How long players keep a steering answer before asking again (the manifest's TTL).</summary>
    [Range(1, 3600)]
    public int SteeringTtlSeconds { get; set; } = 10;

    /// <summary>Edges a viewer is offered at most (own region first, then nearby ones), before the origin.</summary>
    [Range(1, 50)]
    public int MaxEdges { get; set; } = 6;

    /// <summary>Cluster secret edges present; generated into the data directory when empty.</summary>
    public string? EdgeKey { get; set; }

    /// <summary>For each region, the other regions nearest first. Regions not listed fall back to every other region.</summary>
    public Dictionary<string, string[]> RegionDistances { get; set; } = new(StringComparer.Ordinal)
    {
        ["eu"] = ["us", "apac"],
        ["us"] = ["eu", "apac"],
        ["apac"] = ["us", "eu"],
    };

    public TimeSpan OfflineAfter => TimeSpan.FromSeconds(HeartbeatSeconds * MissedHeartbeats);
}
