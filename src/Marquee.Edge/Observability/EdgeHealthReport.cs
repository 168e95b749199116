namespace Marquee.Edge.Observability;

/// <summary>
/// How this edge judges itself now. Degraded still serves (and still answers 200 at <c>/healthz</c>); steering
/// sends viewers to it only after the healthy edges of its region. Each reason is one short plain-text line.
/// </summary>
public sealed record EdgeHealthReport(bool Degraded, IReadOnlyList<string> Reasons)
{
    public static EdgeHealthReport Healthy { get; } = new(false, []);
}
