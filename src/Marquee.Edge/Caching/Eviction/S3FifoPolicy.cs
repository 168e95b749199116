namespace Marquee.Edge.Caching.Eviction;

/// <summary>
/// S3-FIFO (Yang et al., "FIFO queues are all you need for cache eviction", SOSP 2023), made size-aware: a small
/// probation FIFO of about 10% of the bytes, a main FIFO of the rest, and a ghost FIFO of keys recently evicted from
/// probation. About half the objects a video edge sees are requested once (the long tail, the far end of an abandoned
/// session); they enter probation and leave it without ever displacing the main queue, which is what LRU gets wrong.
/// </summary>
/// <remarks>
/// A hit only bumps a counter capped at 3 (no relinking, so hits are cheaper than LRU's). An object leaving
/// probation moves to main if it was hit while there, otherwise it is evicted and its key goes to the ghost. A new
/// key found in the ghost was evicted too early: it goes straight to main. Main evicts FIFO order but reinserts an
/// object whose counter is above zero, decrementing it, so each reinsertion is paid for by an earlier hit and every
/// operation is O(1) amortised.
/// </remarks>
public sealed class S3FifoPolicy : IEvictionPolicy
{
    /// <summary>The paper's probation share, which it found to generalise across traces.</summary>
    public const double SmallQueueFraction = 0.10;

    private const byte SmallQueue = 1;
    private const byte MainQueue = 2;
    private const byte GhostQueue = 3;
    private const byte MaxFrequency = 3;

    /// <summary>
    /// The ghost never shrinks below this many keys, so a cache of a few large objects still remembers a useful
    /// number of evictions.
    /// </summary>
    private const int MinGhostEntries = 1024;

    // Resident and ghost entries together: a miss costs one lookup to learn both "not held" and "seen recently".
    private readonly Dictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly EntryQueue _small = new();
    private readonly EntryQueue _main = new();
    private readonly EntryQueue _ghost = new();

    public S3FifoPolicy(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        CapacityBytes = capacityBytes;
        SmallTargetBytes = Math.Max(1, (long)(capacityBytes * SmallQueueFraction));
        MainTargetBytes = capacityBytes - SmallTargetBytes;
    }

    public long CapacityBytes { get; }

    public long UsedBytes => _small.Bytes + _main.Bytes;

    public int Count => _small.Count + _main.Count;

    /// <summary>The probation queue's byte budget.</summary>
    public long SmallTargetBytes { get; }

    public long MainTargetBytes { get; }

    /// <summary>
    /// The largest object admitted: the probation queue's budget. A larger object could not be judged on probation
    /// at all, and one nearly that large would flush every other candidate out of it; on a video edge this refuses
    /// nothing real (a 1080p segment is ~2.5 MB, so it takes a cache under 25 MB to refuse one).
    /// </summary>
    public long MaxObjectBytes => SmallTargetBytes;

    /// <summary>
    /// The ghost remembers evicted keys worth as many bytes as the main queue holds (the paper keeps as many entries
    /// as main; in bytes, the ghost then reaches back over the same stretch of traffic whatever the object sizes),
    /// and never more keys than the cache holds objects, so with tiny objects its metadata stays within the
    /// resident metadata.
    /// </summary>
    public long GhostCapacityBytes => MainTargetBytes;

    internal long SmallBytes => _small.Bytes;

    internal long MainBytes => _main.Bytes;

    internal int GhostCount => _ghost.Count;

    public bool Contains(string key) => _entries.TryGetValue(key, out var entry) && entry.Queue != GhostQueue;

    internal bool IsInMain(string key) => _entries.TryGetValue(key, out var entry) && entry.Queue == MainQueue;

    internal bool IsGhost(string key) => _entries.TryGetValue(key, out var entry) && entry.Queue == GhostQueue;

    public void Touch(string key)
    {
        // A ghost is not a hit, and a key no longer held is ignored: the cache may have raced an eviction.
        if (_entries.TryGetValue(key, out var entry) && entry.Queue != GhostQueue && entry.Frequency < MaxFrequency)
        {
            entry.Frequency++;
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

        // A key remembered in the ghost, or still held (fetched again, perhaps at another size), has proven demand.
        var proven = false;
        if (_entries.Remove(key, out var known))
        {
            QueueOf(known).Remove(known);
            proven = true;
        }

        while (UsedBytes + sizeBytes > CapacityBytes)
        {
            // Probation gives up its oldest while it is over its share; otherwise main does.
            if (_main.Bytes > MainTargetBytes || _small.Count == 0)
            {
                EvictFromMain(evicted);
            }
            else
            {
                EvictFromSmall(evicted);
            }
        }

        var entry = new CacheEntry(key, sizeBytes) { Queue = proven ? MainQueue : SmallQueue };
        _entries.Add(key, entry);
        (proven ? _main : _small).PushNewest(entry);
        return true;
    }

    public void Remove(string key)
    {
        // A purged object's ghost goes too: whatever it proved was about content that is gone.
        if (_entries.Remove(key, out var entry))
        {
            QueueOf(entry).Remove(entry);
        }
    }

    private void EvictFromSmall(List<string> evicted)
    {
        while (_small.Oldest is { } oldest)
        {
            _small.Remove(oldest);
            if (oldest.Frequency > 0)
            {
                // Hit on probation: it earns a place in main, with its counter cleared so main judges it afresh.
                oldest.Frequency = 0;
                oldest.Queue = MainQueue;
                _main.PushNewest(oldest);
                continue;
            }

            oldest.Queue = GhostQueue;
            _ghost.PushNewest(oldest);
            evicted.Add(oldest.Key);
            TrimGhost();
            return;
        }
    }

    private void EvictFromMain(List<string> evicted)
    {
        while (_main.Oldest is { } oldest)
        {
            if (oldest.Frequency > 0)
            {
                oldest.Frequency--;
                _main.MoveToNewest(oldest);
                continue;
            }

            _main.Remove(oldest);
            _entries.Remove(oldest.Key);
            evicted.Add(oldest.Key);
            return;
        }
    }

    private void TrimGhost()
    {
        var maxEntries = Math.Max(MinGhostEntries, Count);
        while (_ghost.Oldest is { } oldest && (_ghost.Bytes > GhostCapacityBytes || _ghost.Count > maxEntries))
        {
            _ghost.Remove(oldest);
            _entries.Remove(oldest.Key);
        }
    }

    private EntryQueue QueueOf(CacheEntry entry) => entry.Queue switch
    {
        SmallQueue => _small,
        MainQueue => _main,
        _ => _ghost,
    };
}
