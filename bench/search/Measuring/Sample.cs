namespace Marquee.Bench.Search.Measuring;

/// <summary>
/// One request: latency from the moment it was due (not from when it was sent, so a late send counts against the
/// server's figure, as in an open-loop load test), how late the generator sent it, and the ids of the results.
/// </summary>
internal sealed record Sample(double LatencyMs, double LatenessMs, int Status, string? Error, IReadOnlyList<string> Ids)
{
    public bool Ok => Error is null;
}
