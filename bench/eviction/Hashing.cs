namespace Marquee.Bench.Eviction;

/// <summary>
/// Stateless randomness for properties of an object (a segment's size, a title's length): the same object gets the
/// same value however many sessions request it and whatever order the trace is built in.
/// </summary>
internal static class Hashing
{
    /// <summary>SplitMix64's finaliser: a good 64-bit mix, cheap enough to call per object.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Mix(int seed, long a, long b = 0, long c = 0) =>
        Mix(Mix(Mix(Mix((ulong)seed) ^ (ulong)a) ^ (ulong)b) ^ (ulong)c);

    /// <summary>Uniform in [0, 1).</summary>
    public static double Uniform(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller on two halves of the stream).</summary>
    public static double Normal(ulong hash)
    {
        var u1 = Uniform(hash);
        var u2 = Uniform(Mix(hash));
        return Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
