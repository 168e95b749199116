using Marquee.Origin.Discovery;
using Marquee.Origin.Discovery.Model;

namespace Marquee.Bench.Recommendations.Evaluation;

/// <summary>
/// A generated service with planted structure, the same for the same seed: taste clusters that cut across genres
/// (a cluster's titles have random genres, but share some people, as a studio's or a director's audience would), a
/// few popular titles everyone watches, one-hit wonders few ever find, and cold-start titles with no events at all
/// (each a sequel of a cluster title: its genres, two of its people, a year later). Profiles belong to one taste
/// cluster, a fifth to two; each watches mostly its clusters' titles, some popular ones, and some noise it abandons
/// or dislikes.
/// </summary>
internal static class Generator
{
    private static readonly string[] Genres =
    [
        "Drama", "Comedy", "Thriller", "Action", "Documentary", "Horror", "Romance", "Science Fiction", "Animation", "Crime",
        "Fantasy", "Mystery", "Adventure", "Family", "History", "War", "Western", "Music", "Sport", "Biography",
    ];

    private static readonly string[] Languages = ["en", "en", "en", "fr", "es", "de", "ja", "ko", "it", "hi"];

    private static readonly int[] Maturities = [0, 7, 12, 16, 18];

    public static Dataset Make(int titles, int profiles, int targetEvents, int seed)
    {
        var random = new Random(seed);
        const int clusters = 25;
        var popular = Math.Max(10, titles / 100);
        var oneHits = titles / 10;
        var cold = titles / 20;
        var features = new List<TitleFeatures>(titles);
        var groups = new List<TitleGroup>(titles);
        var clusterOf = new int[titles];
        var clusterTitles = Enumerable.Range(0, clusters).Select(_ => new List<int>()).ToArray();
        var clusterOneHits = Enumerable.Range(0, clusters).Select(_ => new List<int>()).ToArray();
        var popularTitles = new List<int>();
        var coldTitles = new List<int>();

        for (var t = 0; t < titles; t++)
        {
            var group = t < popular ? TitleGroup.Popular : t < popular + oneHits ? TitleGroup.OneHit : t >= titles - cold ? TitleGroup.ColdStart : TitleGroup.Cluster;
            var cluster = random.Next(clusters);
            if (group == TitleGroup.ColdStart)
            {
                // A sequel of a cluster title: same genres, two of its people, a little later, same language.
                var original = clusterTitles[cluster][random.Next(clusterTitles[cluster].Count)];
                var of = features[original];
                features.Add(new TitleFeatures(of.Genres, [.. of.People.Take(2), Person(random, -1)], of.Year + 1 + random.Next(3), of.Language, of.Maturity));
                groups.Add(group);
                clusterOf[t] = clusterOf[original];
                coldTitles.Add(t);
                continue;
            }

            var genres = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Genres[random.Next(Genres.Length)]).Distinct().ToList();
            var people = new List<string> { Person(random, cluster), Person(random, cluster) };
            people.AddRange(Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Person(random, -1)));
            features.Add(new TitleFeatures(genres, people.Distinct().ToList(), 1970 + random.Next(57), Languages[random.Next(Languages.Length)], Maturities[random.Next(Maturities.Length)]));
            groups.Add(group);
            clusterOf[t] = cluster;
            switch (group)
            {
                case TitleGroup.Popular:
                    popularTitles.Add(t);
                    break;
                case TitleGroup.OneHit:
                    clusterOneHits[cluster].Add(t);
                    break;
                default:
                    clusterTitles[cluster].Add(t);
                    break;
            }
        }

        // Profiles: a primary cluster (some clusters much bigger than others), a fifth with a second one.
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var events = new List<ViewingEvent>(targetEvents + 1000);
        var perProfile = targetEvents / profiles;
        for (var p = 0; p < profiles; p++)
        {
            var primary = Zipf(random, clusters, 0.8);
            var secondary = random.NextDouble() < 0.2 ? random.Next(clusters) : primary;
            var seen = new HashSet<int>();
            var start = now - 180L * 86_400_000;
            var count = 0;
            var wanted = perProfile * (0.5 + random.NextDouble());
            while (count < wanted)
            {
                var roll = random.NextDouble();
                var cluster = random.NextDouble() < 0.7 ? primary : secondary;
                int title;
                string kind;
                if (roll < 0.62)
                {
                    title = clusterTitles[cluster][Zipf(random, clusterTitles[cluster].Count, 0.9)];
                    kind = "taste";
                }
                else if (roll < 0.64 && clusterOneHits[cluster].Count > 0)
                {
                    title = clusterOneHits[cluster][random.Next(clusterOneHits[cluster].Count)];
                    kind = "taste";
                }
                else if (roll < 0.86)
                {
                    title = popularTitles[Zipf(random, popularTitles.Count, 1.0)];
                    kind = "popular";
                }
                else
                {
                    title = random.Next(titles - cold);
                    kind = "noise";
                }

                if (!seen.Add(title))
                {
                    continue;
                }

                var at = start + (long)(random.NextDouble() * (now - start - 86_400_000));
                count += Watch(random, events, p, title, at, kind);
            }
        }

        events.Sort((a, b) => a.AtMs.CompareTo(b.AtMs));
        return new Dataset(features, groups, profiles, events, now);
    }

    /// <summary>How one profile meets one title, as events; returns how many.</summary>
    private static int Watch(Random random, List<ViewingEvent> events, int profile, int title, long at, string kind)
    {
        var (finish, love, up, down, abandon) = kind switch
        {
            "taste" => (0.75, 0.12, 0.25, 0.01, 0.05),
            "popular" => (0.6, 0.03, 0.15, 0.04, 0.15),
            _ => (0.15, 0.0, 0.03, 0.25, 0.6),
        };
        var before = events.Count;
        var sittings = 1 + (random.NextDouble() < 0.3 ? 1 : 0) + (random.NextDouble() < 0.1 ? 1 : 0);
        var fraction = random.NextDouble() < abandon ? random.NextDouble() * 0.08 : random.NextDouble() < finish ? 1.0 : 0.2 + random.NextDouble() * 0.6;
        for (var s = 0; s < sittings; s++)
        {
            var when = at + s * 3_600_000L;
            events.Add(new ViewingEvent(profile, title, when, 0, null, true));
            events.Add(new ViewingEvent(profile, title, when + 60_000, fraction * (s + 1) / sittings, null, false));
        }

        var r = random.NextDouble();
        RatingValue? rating = r < love ? RatingValue.Love : r < love + up ? RatingValue.Up : r < love + up + down ? RatingValue.Down : null;
        if (rating is { } value)
        {
            events.Add(new ViewingEvent(profile, title, at + sittings * 3_600_000L, 0, value, false));
        }

        return events.Count - before;
    }

    private static string Person(Random random, int cluster) =>
        cluster >= 0 ? $"c{cluster}-p{random.Next(60)}" : $"p{Zipf(random, 6000, 0.7)}";

    /// <summary>A rank in [0, n) with probability falling as 1/(rank+1)^s.</summary>
    private static int Zipf(Random random, int n, double s)
    {
        // Inverse transform on the continuous approximation: cheap, and skewed enough for the purpose.
        var u = random.NextDouble();
        if (Math.Abs(s - 1) < 1e-9)
        {
            return Math.Min(n - 1, (int)(Math.Exp(u * Math.Log(n + 1)) - 1));
        }

        var max = (Math.Pow(n + 1, 1 - s) - 1) / (1 - s);
        return Math.Min(n - 1, (int)(Math.Pow(u * max * (1 - s) + 1, 1 / (1 - s)) - 1));
    }
}
