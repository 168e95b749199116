namespace Marquee.Origin.Discovery.Model;

/// <summary>
/// A profile's scores for titles it has not seen: the sum, over its history, of each title's weight (fading with age)
/// times that title's similarity to the candidate. Dislikes count against their neighbours. Eligibility is applied to
/// candidates before ranking, so nothing the viewer may not watch takes a place.
/// </summary>
public static class PersonalScores
{
    /// <summary>Half-life of a signal's influence; old taste keeps a quarter at least.</summary>
    public const double HalfLifeDays = 60;

    public static List<Neighbour> Rank(
        IReadOnlyList<TasteEvent> history, Neighbour[][] neighbours, Func<int, bool> eligible, IReadOnlySet<int> exclude, int count, long nowMs)
    {
        var scores = new Dictionary<int, float>();
        foreach (var seen in history)
        {
            var fade = (float)Math.Max(0.25, Math.Pow(0.5, (nowMs - seen.AtMs) / (HalfLifeDays * 86_400_000)));
            foreach (var n in neighbours[seen.Title])
            {
                scores[n.Title] = scores.GetValueOrDefault(n.Title) + seen.Weight * fade * n.Score;
            }
        }

        return Top(scores.Where(s => s.Value > 0 && !exclude.Contains(s.Key) && eligible(s.Key)).Select(s => new Neighbour(s.Key, s.Value)), count);
    }

    /// <summary>The best <paramref name="count"/> by score, ties to the lower index: the same input, the same order.</summary>
    public static List<Neighbour> Top(IEnumerable<Neighbour> scored, int count) =>
        [.. scored.OrderByDescending(n => n.Score).ThenBy(n => n.Title).Take(count)];
}
