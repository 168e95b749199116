using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Marquee.Edge.Caching.Eviction;
using Marquee.Edge.Hosting;
using Marquee.Edge.Observability;

namespace Marquee.Edge.Caching;

/// <summary>
/// The hot tier: whole objects as byte arrays, served straight into the response with one copy into Kestrel's
/// buffers and nothing allocated per request. Kestrel has no sendfile, so for the objects most requested this
/// is what keeps the edge near nginx. Arrays are never pooled or reused: an evicted array may still be being
/// written to a slow client, and the GC knows when it no longer is.
/// </summary>
internal sealed class MemoryTier
{
    // One object may not take more than this share of the tier, so a large file cannot flush the hot set.
    private const int MaxObjectShare = 8;

    private readonly IEvictionPolicy? policy;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, CachedObject> entries = new(StringComparer.Ordinal);
    private readonly List<string> evicted = [];
    private readonly EdgeMetrics metrics;

    public MemoryTier(EdgeOptions options, Func<long, IEvictionPolicy> policyFactory, EdgeMetrics metrics)
    {
        var budget = options.EffectiveMemoryBytes;
        policy = budget > 0 ? policyFactory(budget) : null;
        MaxObjectBytes = budget / MaxObjectShare;
        this.metrics = metrics;
    }

    public long MaxObjectBytes { get; }

    public long UsedBytes
    {
        get
        {
            lock (gate)
            {
                return policy?.UsedBytes ?? 0;
            }
        }
    }

    public bool Accepts(long length) => policy is not null && length >= 0 && length <= MaxObjectBytes;

    public bool TryGet(string key, [NotNullWhen(true)] out CachedObject? entry) => TryGet(key.AsSpan(), out entry);

    /// <summary>By span, so the fast path looks up without a string per request.</summary>
    public bool TryGet(ReadOnlySpan<char> key, [NotNullWhen(true)] out CachedObject? entry)
    {
        if (!entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out entry))
        {
            return false;
        }

        lock (gate)
        {
            if (policy!.Contains(entry.Key))
            {
                policy.Touch(entry.Key);
            }
        }

        return true;
    }

    public bool Admit(CachedObject entry)
    {
        if (entry.Body is null || !Accepts(entry.Body.Length))
        {
            return false;
        }

        lock (gate)
        {
            if (policy!.Contains(entry.Key))
            {
                policy.Remove(entry.Key);
                entries.TryRemove(entry.Key, out _);
            }

            evicted.Clear();
            if (!policy.Admit(entry.Key, entry.Body.Length, evicted))
            {
                return false;
            }

            entries[entry.Key] = entry;
            foreach (var key in evicted)
            {
                entries.TryRemove(key, out _);
            }

            if (evicted.Count > 0)
            {
                metrics.Evicted(evicted.Count, ServedFrom.Memory);
            }
        }

        return true;
    }

    public void Remove(string key)
    {
        if (policy is null)
        {
            return;
        }

        lock (gate)
        {
            if (policy.Contains(key))
            {
                policy.Remove(key);
            }

            entries.TryRemove(key, out _);
        }
    }
}
