using Marquee.Origin.Discovery.Model;

namespace Marquee.Bench.Recommendations.Evaluation;

/// <summary>
/// The content-score baseline, in the manner of Jellyfin's "similar items": points for what two titles share —
/// 10 per genre, 3 per person, 2 for years within five of each other, 1 for the same maturity rating — over every
/// other title, keeping the best <paramref name="keep"/>. No viewing history is used.
/// </summary>
internal static class JellyfinStyle
{
    public static Neighbour[][] Build(IReadOnlyList<TitleFeatures> titles, int keep)
    {
        var result = new Neighbour[titles.Count][];
        Parallel.For(0, titles.Count, a =>
        {
            var scored = new List<Neighbour>();
            for (var b = 0; b < titles.Count; b++)
            {
                if (a != b && Points(titles[a], titles[b]) is > 0 and var points)
                {
                    scored.Add(new Neighbour(b, points));
                }
            }

            result[a] = [.. PersonalScores.Top(scored, keep)];
        });
        return result;
    }

    private static float Points(TitleFeatures a, TitleFeatures b)
    {
        var points = 10f * a.Genres.Count(b.Genres.Contains) + 3f * a.People.Count(b.People.Contains);
        if (a.Year is { } ya && b.Year is { } yb && Math.Abs(ya - yb) <= 5)
        {
            points += 2;
        }

        if (a.Maturity == b.Maturity)
        {
            points += 1;
        }

        return points;
    }
}
