namespace Marquee.Edge.Observability;

/// <summary>Where the body bytes of a response came from: the <c>tier</c> tag of <c>marquee.edge.bytes_served</c>.</summary>
internal enum ServedFrom
{
    Memory,
    Disk,
    Upstream,
}
