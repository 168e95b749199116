namespace Marquee.Bench.Eviction;

/// <summary>A packaged title: its length in segments, its top rung and how hard it is to encode.</summary>
internal readonly record struct Title(int Id, int Segments, int TopRung, double Complexity)
{
    /// <summary>
    /// Derived from the seed and the id alone, so catalog titles are the same for every α. A mix of episodes
    /// (22–55 min) and films (85–150 min); a quarter of titles top out at 720p; complexity (animation to grainy
    /// action) scales every rung's bitrate, log-normal around 1.
    /// </summary>
    public static Title Create(int seed, int id)
    {
        var minutes = Hashing.Uniform(Hashing.Mix(seed, id, 1)) < 0.55
            ? 22 + (33 * Hashing.Uniform(Hashing.Mix(seed, id, 2)))
            : 85 + (65 * Hashing.Uniform(Hashing.Mix(seed, id, 2)));
        var topRung = Hashing.Uniform(Hashing.Mix(seed, id, 3)) < 0.25 ? 3 : 4;
        var complexity = Math.Clamp(Math.Exp(0.25 * Hashing.Normal(Hashing.Mix(seed, id, 4))), 0.55, 1.8);
        return new Title(id, (int)(minutes * 60 / Ladder.SegmentSeconds), topRung, complexity);
    }
}
