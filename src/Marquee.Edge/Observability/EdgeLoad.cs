namespace Marquee.Edge.Observability;

/// <summary>
/// What an edge tells the control plane about itself in each heartbeat. Ratios and requests count since the edge
/// started; the egress rate is over the last ten seconds, so steering reacts to load that is happening now.
/// </summary>
/// <param name="ObjectHitRatio">Requests answered from this edge's cache (memory, disk or stale) ÷ requests for objects; 0 before the first.</param>
/// <param name="ByteHitRatio">The same, weighted by the bytes sent.</param>
public sealed record EdgeLoad(
    long ActiveConnections,
    double EgressBytesPerSecond,
    double ObjectHitRatio,
    double ByteHitRatio,
    long Requests,
    long CacheUsedBytes,
    long CacheCapacityBytes);
