namespace Marquee.Edge.Caching.Eviction;

/// <summary>
/// An intrusive doubly linked queue of entries, newest at the head, with its byte total: every operation O(1) and
/// allocation-free, which is what lets LRU, FIFO and the segmented queues share it.
/// </summary>
internal sealed class EntryQueue
{
    private CacheEntry? _newest;
    private CacheEntry? _oldest;

    public long Bytes { get; private set; }

    public int Count { get; private set; }

    public CacheEntry? Oldest => _oldest;

    public void PushNewest(CacheEntry entry)
    {
        entry.Older = _newest;
        entry.Newer = null;
        if (_newest is null)
        {
            _oldest = entry;
        }
        else
        {
            _newest.Newer = entry;
        }

        _newest = entry;
        Bytes += entry.SizeBytes;
        Count++;
    }

    /// <summary>Unlinks an entry the caller knows is in this queue.</summary>
    public void Remove(CacheEntry entry)
    {
        if (entry.Newer is null)
        {
            _newest = entry.Older;
        }
        else
        {
            entry.Newer.Older = entry.Older;
        }

        if (entry.Older is null)
        {
            _oldest = entry.Newer;
        }
        else
        {
            entry.Older.Newer = entry.Newer;
        }

        entry.Newer = null;
        entry.Older = null;
        Bytes -= entry.SizeBytes;
        Count--;
    }

    /// <summary>Moves an entry already in this queue to the head (an LRU hit, a FIFO reinsertion).</summary>
    public void MoveToNewest(CacheEntry entry)
    {
        if (ReferenceEquals(entry, _newest))
        {
            return;
        }

        Remove(entry);
        PushNewest(entry);
    }
}
