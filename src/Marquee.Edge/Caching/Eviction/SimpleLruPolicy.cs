namespace Marquee.Edge.Caching.Eviction;

/// <summary>
/// A plain byte-budget LRU, standing in until the real policies (<c>LruPolicy</c>, <c>S3FifoPolicy</c> and
/// <c>EvictionPolicies.Create</c>) are merged; the edge is wired to take any <see cref="IEvictionPolicy"/>, so
/// swapping it is one line in <c>EdgeApp</c>. Delete this file then.
/// </summary>
internal sealed class SimpleLruPolicy : IEvictionPolicy
{
    private readonly LinkedList<(string Key, long Size)> order = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, long Size)>> nodes = new(StringComparer.Ordinal);

    public SimpleLruPolicy(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    public long CapacityBytes { get; }

    public long UsedBytes { get; private set; }

    public int Count => nodes.Count;

    public bool Contains(string key) => nodes.ContainsKey(key);

    public void Touch(string key)
    {
        if (nodes.TryGetValue(key, out var node) && node != order.First)
        {
            order.Remove(node);
            order.AddFirst(node);
        }
    }

    public bool Admit(string key, long sizeBytes, List<string> evicted)
    {
        if (sizeBytes > CapacityBytes || sizeBytes < 0 || nodes.ContainsKey(key))
        {
            return false;
        }

        while (UsedBytes + sizeBytes > CapacityBytes && order.Last is { } last)
        {
            order.RemoveLast();
            nodes.Remove(last.Value.Key);
            UsedBytes -= last.Value.Size;
            evicted.Add(last.Value.Key);
        }

        nodes[key] = order.AddFirst((key, sizeBytes));
        UsedBytes += sizeBytes;
        return true;
    }

    public void Remove(string key)
    {
        if (nodes.Remove(key, out var node))
        {
            order.Remove(node);
            UsedBytes -= node.Value.Size;
        }
    }
}
