namespace Marquee.Bench.Search.Measuring;

/// <summary>
/// One engine's latencies over the measured queries, in milliseconds: nearest-rank percentiles of the requests
/// that succeeded, the errors apart, and how late the generator sent (already included in the latencies).
/// </summary>
internal sealed record LatencyStats(int Requests, int Errors, double P50, double P90, double P99, double Max, double Mean, double LatenessP99, string? FirstError)
{
    public static LatencyStats From(IReadOnlyCollection<Sample> samples)
    {
        var ok = samples.Where(s => s.Ok).Select(s => s.LatencyMs).Order().ToArray();
        var lateness = samples.Select(s => s.LatenessMs).Order().ToArray();
        return new LatencyStats(
            samples.Count, samples.Count(s => !s.Ok),
            Percentile(ok, 0.50), Percentile(ok, 0.90), Percentile(ok, 0.99), ok.Length == 0 ? double.NaN : Math.Round(ok[^1], 3),
            ok.Length == 0 ? double.NaN : Math.Round(ok.Average(), 3), Percentile(lateness, 0.99),
            samples.FirstOrDefault(s => !s.Ok)?.Error);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)], 3);
}
