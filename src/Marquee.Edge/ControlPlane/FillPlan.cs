namespace Marquee.Edge.ControlPlane;

/// <summary>
/// What the control plane expects this edge's region to watch, most popular first, and when and how fast to
/// fetch it: only inside <paramref name="Window"/> (UTC, <c>HH:mm-HH:mm</c>, may wrap midnight) and at most
/// <paramref name="RateBytesPerSecond"/>, so pre-filling never competes with viewers at peak.
/// </summary>
public sealed record FillPlan(string Window, long RateBytesPerSecond, IReadOnlyList<string> Keys)
{
    public static FillPlan None { get; } = new("00:00-00:00", 0, []);
}
