using Marquee.Edge.Fill;

namespace Marquee.Edge.Delivery;

/// <summary>The upstream did not deliver an object the edge needed for itself; <see cref="Status"/> says how to answer.</summary>
internal sealed class UpstreamFailedException(FillStatus status, string detail) : Exception(detail)
{
    public FillStatus Status { get; } = status;
}
