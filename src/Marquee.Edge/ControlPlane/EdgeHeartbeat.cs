namespace Marquee.Edge.ControlPlane;

/// <summary>
/// What an edge tells the control plane every few seconds; the first one registers it. <paramref name="LoadFactor"/>
/// is the busier of egress ÷ capacity and connections ÷ connection limit, so 1.0 means full.
/// </summary>
public sealed record EdgeHeartbeat(
    string Id,
    string Region,
    string BaseUrl,
    bool Healthy,
    double LoadFactor,
    long ActiveConnections,
    long EgressBytesPerSecond,
    double HitRatio,
    double ByteHitRatio,
    long CacheUsedBytes,
    long CacheCapacityBytes);
