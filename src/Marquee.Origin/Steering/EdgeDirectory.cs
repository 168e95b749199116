using System.Collections.Concurrent;
using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Steering;

/// <summary>
/// The edges as the cluster knows them, read at most once a second (every playback and steering request asks), and
/// at once after this origin wrote a change, so a cluster of origins agrees through the database. With Redis, an
/// edge's last heartbeat is kept there (<see cref="MarkSeen"/>, <see cref="EdgeLastSeen"/>), and overlaid on the
/// rows: a heartbeat that changes nothing steering looks at then costs one Redis write instead of a database write,
/// and the row is rewritten only on a change or once <see cref="RowRefresh"/> has passed.
/// </summary>
/// <remarks>
/// Every write of a row stamps its last-seen time, so between full reads (every <see cref="FullReadEvery"/>, and after
/// a removal) a read asks only for the rows stamped since the last read: at 1,000 edges re-reading every row each
/// second was the part of the heartbeat path that grew with the fleet. The look-back covers clocks a few seconds
/// apart; a removal on another origin is seen at the next full read.
/// </remarks>
public sealed class EdgeDirectory(IServiceScopeFactory scopes, EdgeLastSeen lastSeen, TimeProvider clock) : IDisposable
{
    /// <summary>How old a row's own last-seen may grow while Redis carries the heartbeats; the admin list's load figures are this fresh.</summary>
    public static readonly TimeSpan RowRefresh = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FullReadEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LookBack = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RegionsMaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private IReadOnlyList<EdgeNode> edges = [];
    private readonly Lock swap = new();
    private ConcurrentDictionary<string, Known> byId = new(StringComparer.Ordinal);
    private Dictionary<string, long> seen = new(StringComparer.Ordinal);
    private HashSet<string> regions = new(StringComparer.Ordinal);
    private long readAt = long.MinValue;
    private long fullReadAt = long.MinValue;
    private long readFromMs;
    private long regionsReadAt = long.MinValue;
    private volatile bool stale = true;
    private volatile bool fullDue = true;

    /// <summary>The next read goes to the database at once (this origin wrote a row: the rows stamped since the last read).</summary>
    public void Invalidate() => stale = true;

    public async Task<IReadOnlyList<EdgeNode>> CurrentAsync(CancellationToken cancellationToken)
    {
        if (!stale && Environment.TickCount64 - Volatile.Read(ref readAt) < MaxAge.TotalMilliseconds)
        {
            return edges;
        }

        await gate.WaitAsync(cancellationToken);
        return await ReadLockedAsync(cancellationToken);
    }

    /// <summary>
    /// The edge as last read, with the last-seen time its row holds (not Redis's), or null for an edge not known yet.
    /// For heartbeats: a snapshot up to a second old will do even after this origin wrote a row (the edge's own next
    /// heartbeat is seconds away), and while another request is reading, the snapshot it replaces; so heartbeats never
    /// queue behind a read, which a slow database or Redis would otherwise turn into a pile of waiting requests.
    /// </summary>
    public async Task<(EdgeNode Edge, long StoredLastSeenMs)?> StoredAsync(string id, CancellationToken cancellationToken)
    {
        var everRead = Volatile.Read(ref readAt) != long.MinValue;
        if (!everRead || Environment.TickCount64 - Volatile.Read(ref readAt) >= MaxAge.TotalMilliseconds)
        {
            if (!everRead)
            {
                await gate.WaitAsync(cancellationToken);
                await ReadLockedAsync(cancellationToken);
            }
            else if (await gate.WaitAsync(0, cancellationToken))
            {
                await ReadLockedAsync(cancellationToken);
            }
        }

        return byId.TryGetValue(id, out var held) ? (held.Edge, held.StoredLastSeenMs) : null;
    }

    /// <summary>Reads if due; the caller holds the gate, which this releases.</summary>
    private async Task<IReadOnlyList<EdgeNode>> ReadLockedAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (stale || Environment.TickCount64 - readAt >= MaxAge.TotalMilliseconds)
            {
                stale = false;
                var full = fullDue || Environment.TickCount64 - fullReadAt >= FullReadEvery.TotalMilliseconds;
                fullDue = false;
                var startedMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
                var from = readFromMs;
                var rows = full
                    ? await db.Edges.AsNoTracking().ToListAsync(cancellationToken)
                    : await db.Edges.AsNoTracking().Where(e => e.LastSeenMs >= from).ToListAsync(cancellationToken);
                seen = await lastSeen.ReadAsync() ?? seen;
                Apply(rows, full);
                readFromMs = startedMs - (long)LookBack.TotalMilliseconds;
                Volatile.Write(ref readAt, Environment.TickCount64);
                if (full)
                {
                    fullReadAt = Environment.TickCount64;
                }
            }

            return edges;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Records a heartbeat in Redis (written behind); false without Redis or while it fails (then the row must be written).</summary>
    public bool MarkSeen(string id, long nowMs)
    {
        if (!lastSeen.Mark(id, nowMs))
        {
            return false;
        }

        // This origin sees the heartbeat at once; the others at their next read (within a second or so).
        if (byId.TryGetValue(id, out var known) && known.Edge.LastSeenMs < nowMs)
        {
            known.Edge.LastSeenMs = nowMs;
        }

        return true;
    }

    /// <summary>Forgets a removed edge's Redis entry.</summary>
    public async Task ForgetAsync(string id)
    {
        await lastSeen.ForgetAsync(id);
        fullDue = true;
        Invalidate();
    }

    /// <summary>Whether a region exists; region ids are cached for a minute, and an unknown one is looked up again (at most once a second).</summary>
    public async Task<bool> RegionExistsAsync(string region, CancellationToken cancellationToken)
    {
        var readAtMs = Volatile.Read(ref regionsReadAt);
        var age = readAtMs == long.MinValue ? long.MaxValue : Environment.TickCount64 - readAtMs;
        if (age < RegionsMaxAge.TotalMilliseconds && (regions.Contains(region) || age < MaxAge.TotalMilliseconds))
        {
            return regions.Contains(region);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        regions = (await db.Regions.AsNoTracking().Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        Volatile.Write(ref regionsReadAt, Environment.TickCount64);
        return regions.Contains(region);
    }

    /// <summary>
    /// Puts a row this origin just wrote into the snapshot at once, so the edge's next heartbeat is compared with what
    /// the row now holds even before the next read (which <see cref="Invalidate"/> asks for, for playback and steering).
    /// </summary>
    public void Upsert(EdgeNode written)
    {
        lock (swap)
        {
            var stored = written.LastSeenMs;
            written.LastSeenMs = Math.Max(written.LastSeenMs, seen.GetValueOrDefault(written.Id));
            byId[written.Id] = new Known(written, stored);
        }
    }

    /// <summary>
    /// Takes rows read (all of them, or those changed) and lays Redis's last-seen times over them. A row this origin
    /// wrote while the read was under way is newer than the one read, and stays.
    /// </summary>
    private void Apply(List<EdgeNode> rows, bool full)
    {
        lock (swap)
        {
            var nodes = full ? new ConcurrentDictionary<string, Known>(StringComparer.Ordinal) : new ConcurrentDictionary<string, Known>(byId, StringComparer.Ordinal);
            foreach (var row in rows)
            {
                nodes[row.Id] = byId.TryGetValue(row.Id, out var held) && held.StoredLastSeenMs > row.LastSeenMs ? held : new Known(row, row.LastSeenMs);
            }

            foreach (var known in nodes.Values)
            {
                known.Edge.LastSeenMs = Math.Max(known.Edge.LastSeenMs, seen.GetValueOrDefault(known.Edge.Id));
            }

            edges = [.. nodes.Values.Select(k => k.Edge).OrderBy(e => e.Id, StringComparer.Ordinal)];
            byId = nodes;
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>An edge as last read or written, with the last-seen time its row holds (Redis's may be later).</summary>
    private sealed record Known(EdgeNode Edge, long StoredLastSeenMs);
}
