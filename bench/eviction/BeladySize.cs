using System.Diagnostics;

namespace Marquee.Bench.Eviction;

/// <summary>
/// The offline reference: Belady's rule on a byte budget. On a miss it admits the object unless it is never
/// requested again, evicting whatever is requested farthest in the future; if the farthest held object comes back
/// sooner than the new one, the new one bypasses the cache instead. An object is dropped as soon as its last
/// request is served.
/// </summary>
/// <remarks>
/// With variable sizes exact OPT is NP-hard (Chrobak et al. 2012; Berger et al., "Practical bounds on optimal
/// caching with variable object sizes", SIGMETRICS 2018), so the literature measures against this farthest-next-use
/// approximation ("Belady-size", as in e.g. LRB, NSDI 2020). It ignores size when choosing, so it is a reference
/// line, not a proven lower bound: an online policy can come close to it, and on object misses even beat it.
/// </remarks>
internal static class BeladySize
{
    public const string Name = "belady";

    private const int Never = int.MaxValue;

    /// <summary>For each request, the index of the next request for the same object, or <see cref="Never"/>.</summary>
    public static int[] NextUses(Trace trace)
    {
        var requests = trace.Requests;
        var next = new int[requests.Length];
        var seen = new int[trace.Sizes.Length];
        Array.Fill(seen, Never);
        for (var i = requests.Length - 1; i >= 0; i--)
        {
            next[i] = seen[requests[i]];
            seen[requests[i]] = i;
        }

        return next;
    }

    public static ReplayResult Run(double cacheShare, long capacityBytes, Trace trace, int[] nextUses)
    {
        var requests = trace.Requests;
        var sizes = trace.Sizes;
        var held = new bool[sizes.Length];
        var heldNext = new int[sizes.Length];
        // Max-heap on next use with lazy deletion: a hit pushes the object again with its new next use, and an entry
        // whose priority is no longer the object's current next use is stale and skipped when it surfaces.
        var farthest = new PriorityQueue<int, int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        long used = 0;
        long misses = 0;
        long missBytes = 0;
        long requestedBytes = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests.Length; i++)
        {
            var id = requests[i];
            var size = sizes[id];
            var nextUse = nextUses[i];
            requestedBytes += size;
            if (held[id])
            {
                if (nextUse == Never)
                {
                    held[id] = false;
                    used -= size;
                }
                else
                {
                    heldNext[id] = nextUse;
                    farthest.Enqueue(id, nextUse);
                }

                continue;
            }

            misses++;
            missBytes += size;
            if (nextUse == Never || size > capacityBytes)
            {
                continue;
            }

            var admit = true;
            while (used + size > capacityBytes)
            {
                farthest.TryPeek(out var victim, out var victimNext);
                if (!held[victim] || heldNext[victim] != victimNext)
                {
                    farthest.Dequeue();
                    continue;
                }

                if (victimNext < nextUse)
                {
                    admit = false;
                    break;
                }

                farthest.Dequeue();
                held[victim] = false;
                used -= sizes[victim];
            }

            if (admit)
            {
                held[id] = true;
                heldNext[id] = nextUse;
                used += size;
                farthest.Enqueue(id, nextUse);
            }
        }

        clock.Stop();
        return new ReplayResult(Name, cacheShare, capacityBytes, requests.Length, misses, requestedBytes, missBytes, clock.Elapsed);
    }
}
