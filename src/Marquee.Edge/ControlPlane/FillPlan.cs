namespace Marquee.Edge.ControlPlane;

/// <summary>
/// What the control plane expects this edge's region to watch, most popular first, and when and how fast to
/// fetch it: only inside <paramref name="Window"/> (UTC, <c>HH:mm-HH:mm</c>, may wrap midnight) and at most
/// <paramref name="RateBytesPerSecond"/>, so pre-filling never competes with viewers at peak.
/// </summary>
/// <param name="Version">
/// Names this list of keys; the edge sends it back in its heartbeats (<see cref="EdgeHeartbeat.FillVersion"/>) and,
/// while the list stays the same, the reply leaves the keys out. Null from a control plane older than this field.
/// </param>
/// <param name="Unchanged">
/// The keys are left out because they are the list of <paramref name="Version"/>, which the edge said it has: keep
/// them. A list of ten long titles is tens of thousands of keys, too much to send every few seconds to every edge.
/// </param>
public sealed record FillPlan(string Window, long RateBytesPerSecond, IReadOnlyList<string> Keys, string? Version = null, bool Unchanged = false)
{
    public static FillPlan None { get; } = new("00:00-00:00", 0, []);
}
