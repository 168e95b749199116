namespace Marquee.Edge.ControlPlane;

/// <summary>
/// What an edge tells the control plane every few seconds; the first one registers it. <paramref name="LoadFactor"/>
/// is the busier of egress ÷ capacity and connections ÷ connection limit, so 1.0 means full.
/// </summary>
/// <param name="Healthy">The edge is up and serving (every edge that can send a heartbeat says so; false takes it out of steering).</param>
/// <param name="Degraded">
/// Up, but serving worse than it should: pass-through, failing or slow upstream, or too many 5xx answers. Steering
/// ranks it after the healthy edges of its region. Absent from edges older than this field: not degraded.
/// </param>
/// <param name="DegradedReasons">Why, one short plain-text line each; empty unless degraded.</param>
/// <param name="FillVersion">The <see cref="FillPlan.Version"/> of the fill list this edge holds, so an unchanged list is not sent again; null for none.</param>
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
    long CacheCapacityBytes,
    bool Degraded = false,
    IReadOnlyList<string>? DegradedReasons = null,
    string? FillVersion = null);
