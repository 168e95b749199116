namespace Marquee.Edge.Caching.Eviction;

/// <summary>
/// Decides which cached objects leave when the byte budget is full. Size-aware: capacity and accounting are in
/// bytes. Not thread-safe: the cache calls it under its own lock. The cache deletes what the policy evicts.
/// </summary>
public interface IEvictionPolicy
{
    long CapacityBytes { get; }

    /// <summary>The largest object <see cref="Admit"/> accepts (a share of the capacity, or all of it).</summary>
    long MaxObjectBytes { get; }

    long UsedBytes { get; }

    int Count { get; }

    bool Contains(string key);

    /// <summary>A request for an object the policy holds (a hit).</summary>
    void Touch(string key);

    /// <summary>
    /// Adds a new object and evicts until it fits; the keys evicted are appended to <paramref name="evicted"/>.
    /// Returns false (and changes nothing) when the object is larger than the policy ever admits.
    /// </summary>
    bool Admit(string key, long sizeBytes, List<string> evicted);

    /// <summary>Forgets an object the cache dropped for its own reasons (corrupt file, purge).</summary>
    void Remove(string key);
}
