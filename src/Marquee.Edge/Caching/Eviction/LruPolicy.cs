namespace Marquee.Edge.Caching.Eviction;

/// <summary>
/// Byte-capacity least-recently-used: the reference the other policies are measured against. A hit relinks the
/// entry to the head, eviction takes from the tail; O(1) per operation and no allocation on a hit.
/// </summary>
public sealed class LruPolicy : IEvictionPolicy
{
    private readonly Dictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly EntryQueue _queue = new();

    public LruPolicy(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    public long CapacityBytes { get; }

    public long UsedBytes => _queue.Bytes;

    public int Count => _entries.Count;

    /// <summary>LRU admits anything that fits at all.</summary>
    public long MaxObjectBytes => CapacityBytes;

    public bool Contains(string key) => _entries.ContainsKey(key);

    public void Touch(string key)
    {
        // A key the policy no longer holds is ignored: the cache may have raced an eviction.
        if (_entries.TryGetValue(key, out var entry))
        {
            _queue.MoveToNewest(entry);
        }
    }

    public bool Admit(string key, long sizeBytes, List<string> evicted)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        ArgumentNullException.ThrowIfNull(evicted);
        if (sizeBytes > MaxObjectBytes)
        {
            return false;
        }

        // Admitting a key already held replaces it: the object may have been fetched again at another size.
        Remove(key);
        while (_queue.Bytes + sizeBytes > CapacityBytes)
        {
            var victim = _queue.Oldest!;
            _queue.Remove(victim);
            _entries.Remove(victim.Key);
            evicted.Add(victim.Key);
        }

        var entry = new CacheEntry(key, sizeBytes);
        _entries.Add(key, entry);
        _queue.PushNewest(entry);
        return true;
    }

    public void Remove(string key)
    {
        if (_entries.Remove(key, out var entry))
        {
            _queue.Remove(entry);
        }
    }
}
