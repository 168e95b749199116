namespace Marquee.Origin.Steering;

/// <summary>An edge as the control plane last heard of it: registered by its first heartbeat, updated by every one.</summary>
public sealed class EdgeNode
{
    public required string Id { get; init; }

    public required string Region { get; set; }

    public required string BaseUrl { get; set; }

    /// <summary>What the edge said about itself (cache writable, upstream reachable).</summary>
    public bool Healthy { get; set; }

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
