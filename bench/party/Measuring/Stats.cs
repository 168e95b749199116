namespace Marquee.Bench.Party.Measuring;

/// <summary>Nearest-rank percentiles: the value at or below which p of the samples lie, never interpolated.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 0.5);

    /// <summary>Max minus min: the spread of the members' positions at one instant.</summary>
    public static double Spread(IReadOnlyList<double> values) => values.Count < 2 ? 0 : values.Max() - values.Min();
}
