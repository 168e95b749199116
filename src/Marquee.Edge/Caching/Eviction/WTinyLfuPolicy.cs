namespace Marquee.Edge.Caching.Eviction;

/// <summary>
/// W-TinyLFU (Einziger, Friedman, Manes, ACM ToS 2017; Caffeine's policy), made size-aware: a window LRU of 1% of
/// the bytes in front of a segmented LRU main (probation, and protected at 80% of main), with admission to main
/// decided by a <see cref="FrequencySketch"/>. An object pushed out of the window enters main only if it is more
/// valuable than the objects it would displace.
/// </summary>
/// <remarks>
/// Size-aware admission compares aggregated victims (Einziger et al., "Lightweight robust size aware cache
/// management", ACM ToS 2022): the candidate against every victim needed to make its room, not one victim at a
/// time, which would let one large candidate out-vote many small objects one by one. The value compared is
/// estimated frequency × size, the bytes a hit saves, because the edge is judged on the origin bytes it spares.
/// At most <see cref="MaxVictimsPerContest"/> victims are judged at once, which keeps a contest O(1).
/// </remarks>
public sealed class WTinyLfuPolicy : IEvictionPolicy
{
    public const double WindowFraction = 0.01;

    public const double ProtectedFraction = 0.80;

    private const byte WindowQueue = 1;
    private const byte ProbationQueue = 2;
    private const byte ProtectedQueue = 3;
    private const int MaxVictimsPerContest = 16;

    /// <summary>Sizes the sketch before the cache has filled (a small video segment); it grows with the count.</summary>
    private const long TypicalObjectBytes = 64 * 1024;

    private readonly Dictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly EntryQueue _window = new();
    private readonly EntryQueue _probation = new();
    private readonly EntryQueue _protected = new();
    private FrequencySketch _sketch;

    public WTinyLfuPolicy(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        CapacityBytes = capacityBytes;
        WindowTargetBytes = Math.Max(1, (long)(capacityBytes * WindowFraction));
        MainTargetBytes = capacityBytes - WindowTargetBytes;
        ProtectedTargetBytes = (long)(MainTargetBytes * ProtectedFraction);
        _sketch = new FrequencySketch((int)Math.Clamp(capacityBytes / TypicalObjectBytes, 64, 1 << 20));
    }

    public long CapacityBytes { get; }

    public long UsedBytes => _window.Bytes + _probation.Bytes + _protected.Bytes;

    public int Count => _entries.Count;

    public long WindowTargetBytes { get; }

    public long MainTargetBytes { get; }

    public long ProtectedTargetBytes { get; }

    /// <summary>
    /// The largest object admitted, a tenth of the capacity (as S3-FIFO's): anything larger would, on one frequency
    /// comparison, displace a tenth of the cache.
    /// </summary>
    public long MaxObjectBytes => Math.Max(1, CapacityBytes / 10);

    internal bool IsInWindow(string key) => _entries.TryGetValue(key, out var entry) && entry.Queue == WindowQueue;

    internal bool IsProtected(string key) => _entries.TryGetValue(key, out var entry) && entry.Queue == ProtectedQueue;

    internal int EstimatedFrequency(string key) => _sketch.Frequency(FrequencySketch.Hash(key));

    public bool Contains(string key) => _entries.ContainsKey(key);

    public void Touch(string key)
    {
        // A key no longer held is ignored: the cache may have raced an eviction.
        if (!_entries.TryGetValue(key, out var entry))
        {
            return;
        }

        _sketch.Increment(entry.Hash);
        switch (entry.Queue)
        {
            case WindowQueue:
                _window.MoveToNewest(entry);
                break;
            case ProbationQueue:
                _probation.Remove(entry);
                entry.Queue = ProtectedQueue;
                _protected.PushNewest(entry);
                DemoteProtectedOverflow();
                break;
            default:
                _protected.MoveToNewest(entry);
                break;
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
        var hash = FrequencySketch.Hash(key);
        _sketch.Increment(hash);
        var entry = new CacheEntry(key, sizeBytes) { Queue = WindowQueue, Hash = hash };
        _entries.Add(key, entry);
        _window.PushNewest(entry);
        GrowSketchIfNeeded();

        // The window's oldest objects leave it to try for main; the new object itself always stays, so Admit never
        // takes back what it just accepted (a lone object larger than the window overflows it until the next one).
        while (_window.Bytes > WindowTargetBytes && _window.Count > 1)
        {
            var candidate = _window.Oldest!;
            _window.Remove(candidate);
            TryEnterMain(candidate, evicted);
        }

        while (UsedBytes > CapacityBytes)
        {
            var victim = (_probation.Oldest ?? _protected.Oldest)!;
            EvictFromMain(victim, evicted);
        }

        return true;
    }

    public void Remove(string key)
    {
        if (_entries.Remove(key, out var entry))
        {
            QueueOf(entry).Remove(entry);
        }
    }

    private void TryEnterMain(CacheEntry candidate, List<string> evicted)
    {
        var candidateValue = (long)_sketch.Frequency(candidate.Hash) * candidate.SizeBytes;
        var needed = _probation.Bytes + _protected.Bytes + candidate.SizeBytes - MainTargetBytes;
        while (needed > 0)
        {
            // The victims that would make the room, oldest in probation first, then protected.
            var victimBytes = 0L;
            var victimValue = 0L;
            var victims = 0;
            for (var victim = FirstVictim(); victim is not null && victimBytes < needed && victims < MaxVictimsPerContest; victim = NextVictim(victim))
            {
                victimBytes += victim.SizeBytes;
                victimValue += (long)_sketch.Frequency(victim.Hash) * victim.SizeBytes;
                victims++;
            }

            if (victims == 0)
            {
                break; // main is empty: nothing to displace (unreachable while objects are under a tenth of capacity)
            }

            if (candidateValue <= victimValue)
            {
                // Ties go to the incumbents: a newcomer has to prove more, not as much.
                _entries.Remove(candidate.Key);
                evicted.Add(candidate.Key);
                return;
            }

            for (var i = 0; i < victims; i++)
            {
                var victim = FirstVictim()!;
                needed -= victim.SizeBytes;
                EvictFromMain(victim, evicted);
            }
        }

        candidate.Queue = ProbationQueue;
        _probation.PushNewest(candidate);
    }

    /// <summary>
    /// A byte budget says nothing of how many objects it will hold, so the sketch starts from a guess and doubles
    /// when the cache outgrows it, carrying the resident objects' estimates over: O(n) per doubling, O(1) amortised.
    /// </summary>
    private void GrowSketchIfNeeded()
    {
        if (_entries.Count <= _sketch.Width)
        {
            return;
        }

        var grown = new FrequencySketch(_entries.Count * 2);
        foreach (var entry in _entries.Values)
        {
            grown.Seed(entry.Hash, _sketch.Frequency(entry.Hash));
        }

        _sketch = grown;
    }

    private CacheEntry? FirstVictim() => _probation.Oldest ?? _protected.Oldest;

    private CacheEntry? NextVictim(CacheEntry victim) =>
        victim.Newer ?? (victim.Queue == ProbationQueue ? _protected.Oldest : null);

    private void EvictFromMain(CacheEntry victim, List<string> evicted)
    {
        QueueOf(victim).Remove(victim);
        _entries.Remove(victim.Key);
        evicted.Add(victim.Key);
    }

    private void DemoteProtectedOverflow()
    {
        while (_protected.Bytes > ProtectedTargetBytes && _protected.Count > 1)
        {
            var oldest = _protected.Oldest!;
            _protected.Remove(oldest);
            oldest.Queue = ProbationQueue;
            _probation.PushNewest(oldest);
        }
    }

    private EntryQueue QueueOf(CacheEntry entry) => entry.Queue switch
    {
        WindowQueue => _window,
        ProbationQueue => _probation,
        _ => _protected,
    };
}
