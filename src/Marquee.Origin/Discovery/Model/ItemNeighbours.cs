namespace Marquee.Origin.Discovery.Model;

/// <summary>
/// Item-item similarity: for each title, its closest titles by what the same profiles liked (cosine over the
/// implicit-feedback matrix, shrunk when few profiles share the pair), blended with content similarity so that titles
/// with little or no history still have neighbours, and the blend moves to behaviour as evidence grows.
/// </summary>
/// <remarks>
/// Written here rather than taken from a library: ML.NET's matrix factorization answers "what will this user like",
/// not "which titles are alike", and needs its own model per question; the co-occurrence walk is a few dozen lines,
/// exact, and deterministic (bench/recommendations compares it against popularity and a content score).
/// </remarks>
public static class ItemNeighbours
{
    public static Neighbour[][] Build(TasteMatrix matrix, ContentFeatures content, NeighbourOptions options)
    {
        var result = new Neighbour[matrix.Titles][];
        Parallel.For(0, matrix.Titles, () => new Scratch(matrix.Titles), (title, _, scratch) =>
        {
            result[title] = For(title, matrix, content, options, scratch);
            return scratch;
        }, _ => { });
        return result;
    }

    private static Neighbour[] For(int title, TasteMatrix matrix, ContentFeatures content, NeighbourOptions options, Scratch scratch)
    {
        // Behaviour: dot products with every title sharing a profile, and how many profiles each pair shares.
        var profiles = matrix.TitleProfiles(title);
        var weights = matrix.TitleWeights(title);
        for (var i = 0; i < profiles.Length; i++)
        {
            var others = matrix.ProfileTitles(profiles[i]);
            var otherWeights = matrix.ProfileWeights(profiles[i]);
            for (var j = 0; j < others.Length; j++)
            {
                var other = others[j];
                if (other == title)
                {
                    continue;
                }

                if (scratch.Shared[other] == 0)
                {
                    scratch.Touched.Add(other);
                }

                scratch.Dot[other] += weights[i] * otherWeights[j];
                scratch.Shared[other]++;
            }
        }

        foreach (var other in content.Candidates(title))
        {
            if (scratch.Shared[other] == 0 && scratch.Marked[other] != title + 1)
            {
                scratch.Marked[other] = title + 1;
                scratch.ContentOnly.Add(other);
            }
        }

        var top = new PriorityQueue<int, (float Score, int Inverse)>(options.Keep + 1);
        var supportA = matrix.Support(title);
        void Offer(int other, float cosine)
        {
            var evidence = Math.Min(supportA, matrix.Support(other));
            var behaviour = evidence / (evidence + options.EvidenceHalf);
            var score = behaviour * cosine + (1 - behaviour) * options.ContentScale * content.Similarity(title, other);
            if (score <= 0)
            {
                return;
            }

            // Ties go to the lower index, so the same data always gives the same neighbours.
            top.Enqueue(other, (score, -other));
            if (top.Count > options.Keep)
            {
                top.Dequeue();
            }
        }

        foreach (var other in scratch.Touched)
        {
            var n = scratch.Shared[other];
            var cosine = scratch.Dot[other] / (matrix.Norms[title] * matrix.Norms[other]) * (n / (n + options.Shrinkage));
            Offer(other, cosine);
            scratch.Dot[other] = 0;
            scratch.Shared[other] = 0;
        }

        foreach (var other in scratch.ContentOnly)
        {
            Offer(other, 0);
        }

        scratch.Touched.Clear();
        scratch.ContentOnly.Clear();
        var list = new Neighbour[top.Count];
        for (var i = list.Length - 1; i >= 0; i--)
        {
            top.TryDequeue(out var other, out var priority);
            list[i] = new Neighbour(other, priority.Score);
        }

        return list;
    }

    private sealed class Scratch(int titles)
    {
        public float[] Dot { get; } = new float[titles];

        public int[] Shared { get; } = new int[titles];

        /// <summary>Which title last listed each content candidate (plus one), instead of clearing a set per title.</summary>
        public int[] Marked { get; } = new int[titles];

        public List<int> Touched { get; } = [];

        public List<int> ContentOnly { get; } = [];
    }
}
