namespace Marquee.Origin.Discovery.Model;

/// <summary>One play counted for the charts: which title, by whom, when.</summary>
public readonly record struct ChartPlay(int Title, int Profile, long AtMs);

/// <summary>
/// The region's charts from its plays. Top 10 today: distinct profiles that started the title in the last 24 hours
/// (one person playing a title fifty times is one viewer). Trending: titles whose last day beats their daily average
/// of the six days before by the most, with at least a few viewers today.
/// </summary>
public static class Charts
{
    public const long DayMs = 86_400_000;

    public const int MinTrendingViewers = 3;

    public static List<Neighbour> Top(IEnumerable<ChartPlay> plays, long nowMs, int count) =>
        PersonalScores.Top(Viewers(plays, nowMs - DayMs, nowMs).Select(v => new Neighbour(v.Key, v.Value)), count);

    public static List<Neighbour> Trending(IEnumerable<ChartPlay> plays, long nowMs, int count)
    {
        var list = plays as IReadOnlyCollection<ChartPlay> ?? [.. plays];
        var today = Viewers(list, nowMs - DayMs, nowMs);
        var before = Viewers(list, nowMs - 7 * DayMs, nowMs - DayMs);
        return PersonalScores.Top(
            today.Where(t => t.Value >= MinTrendingViewers).Select(t => new Neighbour(t.Key, t.Value / (before.GetValueOrDefault(t.Key) / 6f + 1f))), count);
    }

    private static Dictionary<int, int> Viewers(IEnumerable<ChartPlay> plays, long fromMs, long toMs) =>
        plays.Where(p => p.AtMs >= fromMs && p.AtMs <= toMs).DistinctBy(p => (p.Title, p.Profile))
            .GroupBy(p => p.Title).ToDictionary(g => g.Key, g => g.Count());
}
