using System.Diagnostics;
using Marquee.Edge.Caching.Eviction;

namespace Marquee.Bench.Eviction;

/// <summary>Replays a trace through a real policy the way the edge's cache store drives it.</summary>
internal static class Replayer
{
    public static ReplayResult Run(string name, double cacheShare, long capacityBytes, Trace trace)
    {
        var policy = EvictionPolicies.Create(name, capacityBytes);
        var requests = trace.Requests;
        var keys = trace.Keys;
        var sizes = trace.Sizes;
        var evicted = new List<string>();
        long misses = 0;
        long missBytes = 0;
        long requestedBytes = 0;
        var clock = Stopwatch.StartNew();
        foreach (var id in requests)
        {
            var key = keys[id];
            var size = sizes[id];
            requestedBytes += size;
            if (policy.Contains(key))
            {
                policy.Touch(key);
                continue;
            }

            misses++;
            missBytes += size;
            evicted.Clear();
            policy.Admit(key, size, evicted);
            // The one invariant the store cannot live without; checking it costs a compare.
            if (policy.UsedBytes > capacityBytes)
            {
                throw new InvalidOperationException($"{name} holds {policy.UsedBytes} bytes in a {capacityBytes}-byte cache");
            }
        }

        clock.Stop();
        return new ReplayResult(name, cacheShare, capacityBytes, requests.Length, misses, requestedBytes, missBytes, clock.Elapsed);
    }
}
