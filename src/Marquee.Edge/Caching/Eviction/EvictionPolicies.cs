namespace Marquee.Edge.Caching.Eviction;

/// <summary>Creates an eviction policy by the name configuration uses.</summary>
public static class EvictionPolicies
{
    public const string S3Fifo = "s3fifo";

    public const string Lru = "lru";

    public const string WTinyLfu = "wtinylfu";

    /// <summary>
    /// The policy the edge uses unless configured otherwise. S3-FIFO won bench/eviction: fewest byte and object
    /// misses of the three in every cell (α 0.8–1.0, cache 1–20% of unique bytes), 0.87 × LRU's byte misses at the
    /// headline (α 0.9, 10%); W-TinyLFU came second everywhere. Figures in bench/eviction/README.md.
    /// </summary>
    public const string Default = S3Fifo;

    public static IReadOnlyList<string> Names { get; } = [S3Fifo, WTinyLfu, Lru];

    public static IEvictionPolicy Create(string name, long capacityBytes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        return name.Trim().ToLowerInvariant() switch
        {
            S3Fifo => new S3FifoPolicy(capacityBytes),
            WTinyLfu => new WTinyLfuPolicy(capacityBytes),
            Lru => new LruPolicy(capacityBytes),
            _ => throw new ArgumentException(
                $"Unknown eviction policy '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
