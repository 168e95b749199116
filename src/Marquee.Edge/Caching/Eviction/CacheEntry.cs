namespace Marquee.Edge.Caching.Eviction;

/// <summary>
/// One object a policy knows about, linked into exactly one <see cref="EntryQueue"/>. A class rather than a struct
/// so a hit or a move between queues (S3-FIFO's small → main, small → ghost) relinks it without allocating; only
/// an admission allocates, and that is on a miss, next to a fetch from the origin.
/// </summary>
internal sealed class CacheEntry(string key, long sizeBytes)
{
    public string Key { get; } = key;

    public long SizeBytes { get; } = sizeBytes;

    /// <summary>Which of the owning policy's queues holds the entry; each policy numbers its own.</summary>
    public byte Queue { get; set; }

    /// <summary>A small saturating access counter (S3-FIFO's two bits); unused by LRU.</summary>
    public byte Frequency { get; set; }

    /// <summary>The key's sketch hash (W-TinyLFU), kept so that judging a victim does not rehash its key.</summary>
    public ulong Hash { get; init; }

    // The links belong to EntryQueue alone.
    internal CacheEntry? Newer { get; set; }

    internal CacheEntry? Older { get; set; }
}
