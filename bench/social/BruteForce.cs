using System.Diagnostics;

namespace Marquee.Bench.Social;

/// <summary>
/// The reference for similar people: no index, the asker's vector against every opted-in profile's vector in turn,
/// in-process on the same generated ratings, with the origin's weights (love 4, up 2.5, down −2), its cosine over the
/// titles both rated, its minimum overlap and its shrinkage for small overlaps. What the origin would do per request
/// without <c>TasteIndex</c>'s inverted postings (and without reading anything from the database).
/// </summary>
internal sealed class BruteForce(SocialData data, int minimumOverlap = 3)
{
    private const float Shrinkage = 3f;

    public static float Weight(sbyte value) => value switch { 2 => 4f, 1 => 2.5f, _ => -2f };

    /// <summary>The best <paramref name="limit"/> people for the viewer (person index, score), best first, and the time in ms.</summary>
    public (List<(int Person, double Score)> Best, double Ms) Find(ISet<int> hidden, int limit)
    {
        var clock = Stopwatch.GetTimestamp();
        var mine = new Dictionary<int, float>(data.ViewerRatingTitles.Length);
        for (var k = 0; k < data.ViewerRatingTitles.Length; k++)
        {
            mine[data.ViewerRatingTitles[k]] = Weight(data.ViewerRatingValues[k]);
        }

        var best = new PriorityQueue<int, float>();
        for (var p = 0; p < data.RatingTitles.Length; p++)
        {
            var titles = data.RatingTitles[p];
            var values = data.RatingValues[p];
            float dot = 0, myNorm = 0, theirNorm = 0;
            var overlap = 0;
            for (var k = 0; k < titles.Length; k++)
            {
                if (mine.TryGetValue(titles[k], out var w))
                {
                    var v = Weight(values[k]);
                    overlap++;
                    dot += w * v;
                    myNorm += w * w;
                    theirNorm += v * v;
                }
            }

            if (overlap < minimumOverlap || dot <= 0 || hidden.Contains(p))
            {
                continue;
            }

            var score = dot / MathF.Sqrt(myNorm * theirNorm) * (overlap / (overlap + Shrinkage));
            best.Enqueue(p, score);
            if (best.Count > limit)
            {
                best.Dequeue();
            }
        }

        var result = new List<(int, double)>(best.Count);
        while (best.TryDequeue(out var p, out var s))
        {
            result.Add((p, Math.Round(s, 3)));
        }

        result.Reverse();
        return (result, Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
    }
}
