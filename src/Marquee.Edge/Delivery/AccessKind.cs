namespace Marquee.Edge.Delivery;

/// <summary>Who is asking: a viewer with a valid token, another edge of the cluster, or someone refused.</summary>
internal enum AccessKind
{
    Viewer,

    /// <summary>A child edge (it sent the edge key): no token, and playlists as the upstream wrote them.</summary>
    Edge,

    Refused,
}
