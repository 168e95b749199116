using System.Buffers;

namespace Marquee.Origin.Community;

/// <summary>
/// The opted-in profiles' taste vectors in memory, with an inverted index by title, so "people like you" is one pass
/// over the postings of the asker's own titles: no pairwise table to precompute (10¹⁰ pairs at 100,000 people) and no
/// stale answer for the asker, whose vector is read fresh. Rebuilt by <see cref="TasteRefresher"/> when signals move.
/// Written here because matching people is a sparse dot product no library in the platform offers.
/// </summary>
public sealed class TasteIndex
{
    /// <summary>Overlaps this small are shrunk toward zero: three shared loves are less telling than thirty.</summary>
    private const float Shrinkage = 3f;

    private volatile Snapshot current = new([], new Dictionary<string, int>(), new Dictionary<string, Posting>(), []);

    public int People => current.Profiles.Length;

    public sealed record Match(string ProfileId, double Score, List<string> Shared);

    /// <summary>Replaces the index with these vectors (profile → title → weight).</summary>
    public void Load(IReadOnlyDictionary<string, Dictionary<string, float>> vectors)
    {
        var profiles = vectors.Keys.ToArray();
        var index = new Dictionary<string, int>(profiles.Length);
        var byTitle = new Dictionary<string, (List<int> People, List<float> Weights)>();
        var own = new Vector[profiles.Length];
        for (var i = 0; i < profiles.Length; i++)
        {
            index[profiles[i]] = i;
            var vector = vectors[profiles[i]];
            own[i] = new Vector([.. vector.Keys], [.. vector.Values]);
            foreach (var (title, weight) in vector)
            {
                if (!byTitle.TryGetValue(title, out var posting))
                {
                    byTitle[title] = posting = ([], []);
                }

                posting.People.Add(i);
                posting.Weights.Add(weight);
            }
        }

        current = new Snapshot(profiles, index, byTitle.ToDictionary(p => p.Key, p => new Posting([.. p.Value.People], [.. p.Value.Weights])), own);
    }

    /// <summary>
    /// The people whose taste is most like <paramref name="mine"/>: cosine over the titles both have a signal for (at
    /// least <paramref name="minimumOverlap"/>), shrunk for small overlaps, best first; with the titles both liked.
    /// </summary>
    public List<Match> Find(string me, IReadOnlyDictionary<string, float> mine, int minimumOverlap, int limit)
    {
        var snapshot = current;
        var n = snapshot.Profiles.Length;
        if (n == 0 || mine.Count == 0)
        {
            return [];
        }

        var dot = ArrayPool<float>.Shared.Rent(n);
        var myNorm = ArrayPool<float>.Shared.Rent(n);
        var theirNorm = ArrayPool<float>.Shared.Rent(n);
        var overlap = ArrayPool<int>.Shared.Rent(n);
        Array.Clear(overlap, 0, n); // a rented array holds whatever its last user left
        var touched = new List<int>();
        try
        {
            foreach (var (title, w) in mine)
            {
                if (!snapshot.Postings.TryGetValue(title, out var posting))
                {
                    continue;
                }

                for (var k = 0; k < posting.People.Length; k++)
                {
                    var i = posting.People[k];
                    var v = posting.Weights[k];
                    if (overlap[i] == 0)
                    {
                        touched.Add(i);
                        dot[i] = myNorm[i] = theirNorm[i] = 0;
                    }

                    overlap[i]++;
                    dot[i] += w * v;
                    myNorm[i] += w * w;
                    theirNorm[i] += v * v;
                }
            }

            var best = new PriorityQueue<int, float>();
            var self = snapshot.Index.GetValueOrDefault(me, -1);
            foreach (var i in touched)
            {
                if (i == self || overlap[i] < minimumOverlap || dot[i] <= 0)
                {
                    continue;
                }

                var score = dot[i] / MathF.Sqrt(myNorm[i] * theirNorm[i]) * (overlap[i] / (overlap[i] + Shrinkage));
                best.Enqueue(i, score);
                if (best.Count > limit)
                {
                    best.Dequeue();
                }
            }

            var matches = new List<Match>(best.Count);
            while (best.TryDequeue(out var i, out var score))
            {
                matches.Add(new Match(snapshot.Profiles[i], Math.Round(score, 3), Shared(mine, snapshot.Vectors[i])));
            }

            matches.Reverse();
            return matches;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(dot);
            ArrayPool<float>.Shared.Return(myNorm);
            ArrayPool<float>.Shared.Return(theirNorm);
            ArrayPool<int>.Shared.Return(overlap);
        }
    }

    /// <summary>Titles both liked (positive for both), the ones they liked most first.</summary>
    private static List<string> Shared(IReadOnlyDictionary<string, float> mine, Vector theirs)
    {
        var shared = new List<(string Title, float Weight)>();
        for (var k = 0; k < theirs.Titles.Length; k++)
        {
            if (theirs.Weights[k] > 0 && mine.TryGetValue(theirs.Titles[k], out var w) && w > 0)
            {
                shared.Add((theirs.Titles[k], w + theirs.Weights[k]));
            }
        }

        return [.. shared.OrderByDescending(s => s.Weight).ThenBy(s => s.Title, StringComparer.Ordinal).Select(s => s.Title)];
    }

    private sealed record Posting(int[] People, float[] Weights);

    private sealed record Vector(string[] Titles, float[] Weights);

    private sealed record Snapshot(string[] Profiles, Dictionary<string, int> Index, Dictionary<string, Posting> Postings, Vector[] Vectors);
}
