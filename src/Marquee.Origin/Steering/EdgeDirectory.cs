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
public sealed class EdgeDirectory(IServiceScopeFactory scopes, EdgeLastSeen lastSeen) : IDisposable
{
    /// <summary>How old a row's own last-seen may grow while Redis carries the heartbeats; the admin list's load figures are this fresh.</summary>
    public static readonly TimeSpan RowRefresh = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RegionsMaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private IReadOnlyList<EdgeNode> edges = [];
    private Dictionary<string, EdgeNode> byId = new(StringComparer.Ordinal);
    private Dictionary<string, long> storedLastSeen = new(StringComparer.Ordinal);
    private Dictionary<string, long> seen = new(StringComparer.Ordinal);
    private HashSet<string> regions = new(StringComparer.Ordinal);
    private long readAt = long.MinValue;
    private long regionsReadAt = long.MinValue;
    private volatile bool stale = true;

    public void Invalidate() => stale = true;

    public async Task<IReadOnlyList<EdgeNode>> CurrentAsync(CancellationToken cancellationToken)
    {
        if (!stale && Environment.TickCount64 - Volatile.Read(ref readAt) < MaxAge.TotalMilliseconds)
        {
            return edges;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (stale || Environment.TickCount64 - readAt >= MaxAge.TotalMilliseconds)
            {
                stale = false;
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
                var rows = await db.Edges.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
                seen = await lastSeen.ReadAsync() ?? seen;
                storedLastSeen = rows.ToDictionary(e => e.Id, e => e.LastSeenMs, StringComparer.Ordinal);
                foreach (var edge in rows)
                {
                    edge.LastSeenMs = Math.Max(edge.LastSeenMs, seen.GetValueOrDefault(edge.Id));
                }

                edges = rows;
                byId = rows.ToDictionary(e => e.Id, StringComparer.Ordinal);
                Volatile.Write(ref readAt, Environment.TickCount64);
            }

            return edges;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The edge as last read, with the last-seen time its row holds (not Redis's), or null for an edge not known yet.</summary>
    public async Task<(EdgeNode Edge, long StoredLastSeenMs)?> StoredAsync(string id, CancellationToken cancellationToken)
    {
        await CurrentAsync(cancellationToken);
        return byId.TryGetValue(id, out var edge) ? (edge, storedLastSeen.GetValueOrDefault(id)) : null;
    }

    /// <summary>Records a heartbeat in Redis (written behind); false without Redis or while it fails (then the row must be written).</summary>
    public bool MarkSeen(string id, long nowMs)
    {
        if (!lastSeen.Mark(id, nowMs))
        {
            return false;
        }

        // This origin sees the heartbeat at once; the others at their next read (within a second or so).
        if (byId.TryGetValue(id, out var edge) && edge.LastSeenMs < nowMs)
        {
            edge.LastSeenMs = nowMs;
        }

        return true;
    }

    /// <summary>Forgets a removed edge's Redis entry.</summary>
    public async Task ForgetAsync(string id)
    {
        await lastSeen.ForgetAsync(id);
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

    public void Dispose() => gate.Dispose();
}
