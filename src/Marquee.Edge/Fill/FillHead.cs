using Marquee.Edge.Caching;

namespace Marquee.Edge.Fill;

/// <summary>
/// The upstream's answer before its body: the status for this edge's clients and, when it is Ok, the object's
/// metadata (Length -1 if the upstream sent none) and the body as it arrives.
/// </summary>
internal sealed record FillHead(FillStatus Status, ObjectMeta? Meta, FillBody? Body, string Detail)
{
    public static FillHead Failed(FillStatus status, string detail) => new(status, null, null, detail);
}
