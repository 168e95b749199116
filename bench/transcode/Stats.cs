namespace Marquee.Bench.Transcode;

/// <summary>Medians, because one slow run on a shared machine should not move the figure.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Seconds to the millisecond.</summary>
    public static double Round(double seconds) => Math.Round(seconds, 3);
}
