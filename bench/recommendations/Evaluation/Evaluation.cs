using System.Diagnostics;
using Marquee.Origin.Discovery.Model;

namespace Marquee.Bench.Recommendations.Evaluation;

/// <summary>
/// The offline evaluation: leave-last-out on a generated service. For each profile with enough history, its latest
/// liked title is hidden; every method ranks ten titles the profile has not seen from the rest, and scores a hit when
/// the hidden title is among them. NDCG@10 and recall@10 for ours, popularity and a Jellyfin-style content score,
/// the catalog coverage of our top 10s, whether cold-start titles reach anyone's top 10, and the time of a full rebuild.
/// </summary>
internal static class Evaluation
{
    public static int Run(int titles, int profiles, int events, int seed, NeighbourOptions options)
    {
        var clock = Stopwatch.StartNew();
        var data = Generator.Make(titles, profiles, events, seed);
        Console.WriteLine($"generated {data.Titles.Count:N0} titles, {data.Profiles:N0} profiles, {data.Events.Count:N0} events in {clock.Elapsed.TotalSeconds:0.0} s");

        // A full rebuild as the origin does it, on every event: fold, weigh, matrix, neighbours.
        clock.Restart();
        var all = Cells(Dataset.Fold(data.Events), data.NowMs);
        var fullModel = ItemNeighbours.Build(new TasteMatrix(titles, profiles, [.. all.Select(c => (c.Profile, c.Title, c.Weight))]), new ContentFeatures(data.Titles), options);
        var rebuildSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"full rebuild: {rebuildSeconds:0.0} s ({all.Count:N0} profile-title weights, {fullModel.Sum(n => n.Length):N0} neighbours kept)");

        // Leave-last-out: each profile's latest liked title is hidden from training.
        var byProfile = all.GroupBy(c => c.Profile).ToDictionary(g => g.Key, g => g.OrderBy(c => c.AtMs).ThenBy(c => c.Title).ToList());
        var hidden = new Dictionary<int, int>();
        foreach (var (profile, cells) in byProfile)
        {
            if (cells.Count(c => c.Weight > 0) >= 3)
            {
                hidden[profile] = cells.Last(c => c.Weight > 0).Title;
            }
        }

        var training = all.Where(c => !hidden.TryGetValue(c.Profile, out var h) || h != c.Title).ToList();
        var matrix = new TasteMatrix(titles, profiles, [.. training.Select(c => (c.Profile, c.Title, c.Weight))]);
        var ours = ItemNeighbours.Build(matrix, new ContentFeatures(data.Titles), options);
        var jellyfin = JellyfinStyle.Build(data.Titles, options.Keep);
        var popularity = Enumerable.Range(0, titles).Select(t => new Neighbour(t, matrix.Support(t))).OrderByDescending(n => n.Score).ThenBy(n => n.Title).ToList();

        var methods = new[] { "ours", "popularity", "content (Jellyfin-style)" };
        var ndcg = new double[3];
        var recall = new double[3];
        var covered = new HashSet<int>();
        var coldReached = new HashSet<int>();
        var trainingByProfile = training.GroupBy(c => c.Profile).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (profile, target) in hidden)
        {
            var history = trainingByProfile[profile].Select(c => new TasteEvent(c.Title, c.Weight, c.AtMs)).ToList();
            var seen = history.Select(h => h.Title).ToHashSet();
            var lists = new[]
            {
                PersonalScores.Rank(history, ours, _ => true, seen, 10, data.NowMs),
                popularity.Where(n => !seen.Contains(n.Title)).Take(10).ToList(),
                PersonalScores.Rank(history, jellyfin, _ => true, seen, 10, data.NowMs),
            };
            for (var m = 0; m < 3; m++)
            {
                var rank = lists[m].FindIndex(n => n.Title == target);
                if (rank >= 0)
                {
                    ndcg[m] += 1 / Math.Log2(rank + 2);
                    recall[m] += 1;
                }
            }

            foreach (var n in lists[0])
            {
                covered.Add(n.Title);
                if (data.Groups[n.Title] == TitleGroup.ColdStart)
                {
                    coldReached.Add(n.Title);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"leave-last-out over {hidden.Count:N0} profiles");
        Console.WriteLine($"{"method",-26} {"NDCG@10",8} {"recall@10",10}");
        for (var m = 0; m < 3; m++)
        {
            Console.WriteLine($"{methods[m],-26} {ndcg[m] / hidden.Count,8:0.0000} {recall[m] / hidden.Count,10:0.0000}");
        }

        var vsPopularity = ndcg[0] / Math.Max(ndcg[1], 1e-9);
        var vsContent = ndcg[0] / Math.Max(ndcg[2], 1e-9);
        var coverage = (double)covered.Count / titles;
        var coldTotal = data.Groups.Count(g => g == TitleGroup.ColdStart);
        Console.WriteLine();
        Console.WriteLine($"NDCG@10 ratio ours/popularity: {vsPopularity:0.00} (target >= 1.5)");
        Console.WriteLine($"NDCG@10 ratio ours/content:    {vsContent:0.00} (target >= 1.5)");
        Console.WriteLine($"catalog coverage of our top 10s: {coverage:P1} (target >= 30 %)");
        Console.WriteLine($"cold-start titles in someone's top 10: {coldReached.Count} of {coldTotal} (target > 0)");
        Console.WriteLine($"full rebuild at {titles:N0} titles / {data.Events.Count:N0} events: {rebuildSeconds:0.0} s (target < 300 s)");
        var met = vsPopularity >= 1.5 && vsContent >= 1.5 && coverage >= 0.3 && coldReached.Count > 0 && rebuildSeconds < 300;
        Console.WriteLine(met ? "all targets met" : "a target is not met");
        return met ? 0 : 1;
    }

    private static List<(int Profile, int Title, float Weight, long AtMs)> Cells(Dictionary<(int Profile, int Title), TitleSignals> signals, long nowMs) =>
        [.. signals.Select(s => (s.Key.Profile, s.Key.Title, s.Value.Weight(nowMs), s.Value.LastAtMs))];
}
