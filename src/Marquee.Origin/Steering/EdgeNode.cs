namespace Marquee.Origin.Steering;

/// <summary>An edge as the control plane last heard of it: registered by its first heartbeat, updated by every one.</summary>
public sealed class EdgeNode
{
    public required string Id { get; init; }

    public required string Region { get; set; }

    public required string BaseUrl { get; set; }

    /// <summary>The edge said it is up; an edge that says otherwise leaves steering like a silent one.</summary>
    public bool Healthy { get; set; }

    /// <summary>Up, but serving worse than it should (pass-through, failing or slow upstream, 5xx answers): ranked after the healthy edges of its region.</summary>
    public bool Degraded { get; set; }

    /// <summary>Why the edge said it is degraded, its reasons joined by "; "; null when it is not. Plain text.</summary>
    public string? DegradedReason { get; set; }

    public double LoadFactor { get; set; }

    public long ActiveConnections { get; set; }

    public long EgressBytesPerSecond { get; set; }

    public double HitRatio { get; set; }

    public double ByteHitRatio { get; set; }

    public long CacheUsedBytes { get; set; }

    public long CacheCapacityBytes { get; set; }

    public long RegisteredAtMs { get; set; }

    public long LastSeenMs { get; set; }
}
