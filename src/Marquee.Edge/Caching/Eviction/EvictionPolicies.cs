namespace Marquee.Edge.Caching.Eviction;

/// <summary>Creates an eviction policy by the name configuration uses.</summary>
public static class EvictionPolicies
{
    public const string S3Fifo = "s3fifo";

    public const string Lru = "lru";

    public const string WTinyLfu = "wtinylfu";

    /// <summary>
    /// The policy the edge uses unless configured otherwise: the one that won bench/eviction (see its README for
    /// the figures).
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
