namespace Marquee.Bench.Edge;

/// <summary>One wrk run: totals over its duration, socket and status errors, latency percentiles.</summary>
internal sealed record WrkResult(long Requests, long Bytes, TimeSpan Duration, long SocketErrors, long StatusErrors, TimeSpan P50, TimeSpan P99)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;

    public double BytesPerSecond => Bytes / Duration.TotalSeconds;
}
