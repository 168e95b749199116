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

    private volatile Snapshot current = new([], new Dictionary<string, int>(), [], new Dictionary<string, int>(), [], []);

    public int People => current.Profiles.Length;

    public sealed record Match(string ProfileId, double Score);

    /// <summary>Replaces the index with these vectors (profile → title → weight).</summary>
    public void Load(IReadOnlyDictionary<string, Dictionary<string, float>> vectors)
    {
        var builder = new Builder();
        foreach (var (profile, vector) in vectors)
        {
            builder.Add(profile, [.. vector.Select(v => (v.Key, v.Value))]);
        }

        Load(builder);
    }

    /// <summary>
    /// Replaces the index with the builder's vectors. Titles are numbered, and postings are sized by counting first,
    /// so what stays in memory is two arrays per person and per title, not millions of references for the garbage
    /// collector to walk.
    /// </summary>
    public void Load(Builder builder)
    {
        var counts = new int[builder.Titles.Count];
        foreach (var vector in builder.Vectors)
        {
            foreach (var t in vector.Titles)
            {
                counts[t]++;
            }
        }

        var postings = new Posting[counts.Length];
        for (var t = 0; t < postings.Length; t++)
        {
            postings[t] = new Posting(new int[counts[t]], new float[counts[t]]);
        }

        Array.Clear(counts);
        for (var i = 0; i < builder.Vectors.Count; i++)
        {
            var vector = builder.Vectors[i];
            for (var k = 0; k < vector.Titles.Length; k++)
            {
                var t = vector.Titles[k];
                postings[t].People[counts[t]] = i;
                postings[t].Weights[counts[t]++] = vector.Weights[k];
            }
        }

        var profiles = builder.Profiles.ToArray();
        var index = new Dictionary<string, int>(profiles.Length);
        for (var i = 0; i < profiles.Length; i++)
        {
            index[profiles[i]] = i;
        }

        current = new Snapshot(profiles, index, [.. builder.Titles], builder.TitleIndex, postings, [.. builder.Vectors]);
    }

    /// <summary>Collects vectors one person at a time, numbering titles as they come.</summary>
    public sealed class Builder
    {
        internal Dictionary<string, int> TitleIndex { get; } = new(StringComparer.Ordinal);

        internal List<string> Titles { get; } = [];

        internal List<string> Profiles { get; } = [];

        internal List<Vector> Vectors { get; } = [];

        public void Add(string profile, IReadOnlyList<(string Title, float Weight)> vector)
        {
            var titles = new int[vector.Count];
            var weights = new float[vector.Count];
            for (var k = 0; k < vector.Count; k++)
            {
                var (title, weight) = vector[k];
                if (!TitleIndex.TryGetValue(title, out var t))
                {
                    TitleIndex[title] = t = Titles.Count;
                    Titles.Add(title);
                }

                titles[k] = t;
                weights[k] = weight;
            }

            Profiles.Add(profile);
            Vectors.Add(new Vector(titles, weights));
        }
    }

    /// <summary>
    /// The people whose taste is most like <paramref name="mine"/>: cosine over the titles both have a signal for (at
    /// least <paramref name="minimumOverlap"/>), shrunk for small overlaps, best first.
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
        var touched = new List<int>(Math.Min(n, 4096));
        try
        {
            foreach (var (title, w) in mine)
            {
                if (!snapshot.TitleIndex.TryGetValue(title, out var t))
                {
                    continue;
                }

                var posting = snapshot.Postings[t];
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
                matches.Add(new Match(snapshot.Profiles[i], Math.Round(score, 3)));
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

    /// <summary>Titles both liked (positive for both), the ones they liked most first; asked only for the people shown.</summary>
    public List<string> Shared(IReadOnlyDictionary<string, float> mine, string profileId)
    {
        var snapshot = current;
        if (!snapshot.Index.TryGetValue(profileId, out var i))
        {
            return [];
        }

        var theirs = snapshot.Vectors[i];
        var shared = new List<(string Title, float Weight)>();
        for (var k = 0; k < theirs.Titles.Length; k++)
        {
            var title = snapshot.Titles[theirs.Titles[k]];
            if (theirs.Weights[k] > 0 && mine.TryGetValue(title, out var w) && w > 0)
            {
                shared.Add((title, w + theirs.Weights[k]));
            }
        }

        return [.. shared.OrderByDescending(s => s.Weight).ThenBy(s => s.Title, StringComparer.Ordinal).Select(s => s.Title)];
    }

    private sealed record Posting(int[] People, float[] Weights);

    internal sealed record Vector(int[] Titles, float[] Weights);

    private sealed record Snapshot(
        string[] Profiles, Dictionary<string, int> Index, string[] Titles, Dictionary<string, int> TitleIndex, Posting[] Postings, Vector[] Vectors);
}
