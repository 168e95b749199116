using Marquee.Origin.Data;
using Marquee.Origin.Discovery.Model;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Discovery;

/// <summary>
/// This origin's copy of the stored model. Every origin reads the same rows, so every origin serves the same answers;
/// each looks at the state row at most once per <see cref="CheckInterval"/> and reloads when its version moved.
/// </summary>
public sealed class RecommendationModel(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>"Never looked": far enough in the past that now minus it cannot overflow.</summary>
    private const long Never = long.MinValue / 2;

    private readonly SemaphoreSlim _reload = new(1, 1);
    private ModelSnapshot _current = ModelSnapshot.Empty;
    private long _checkedAtMs = Never;

    public async Task<ModelSnapshot> CurrentAsync(MarqueeDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (now - Volatile.Read(ref _checkedAtMs) < CheckInterval.TotalMilliseconds)
        {
            return _current;
        }

        await _reload.WaitAsync(cancellationToken);
        try
        {
            if (now - _checkedAtMs < CheckInterval.TotalMilliseconds)
            {
                return _current;
            }

            var version = await db.RecommendationState.AsNoTracking().Where(s => s.Id == RecommendationState.SingletonId)
                .Select(s => (long?)s.Version).SingleOrDefaultAsync(cancellationToken) ?? 0;
            if (version != _current.Version)
            {
                _current = await LoadAsync(db, cancellationToken);
            }

            Volatile.Write(ref _checkedAtMs, now);
            return _current;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>Forgets when it last looked, so the next request reloads (after this origin rebuilt).</summary>
    public void Invalidate() => Volatile.Write(ref _checkedAtMs, Never);

    public void Dispose() => _reload.Dispose();

    private static async Task<ModelSnapshot> LoadAsync(MarqueeDbContext db, CancellationToken cancellationToken)
    {
        var state = await db.RecommendationState.AsNoTracking().SingleAsync(s => s.Id == RecommendationState.SingletonId, cancellationToken);
        var rows = await db.Neighbours.AsNoTracking().OrderBy(n => n.TitleId).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.TitleId).ToArray();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var neighbours = rows.Select(r => ModelSnapshot.Unpack(r.Packed)
            .Where(n => index.ContainsKey(n.Id)).Select(n => new Neighbour(index[n.Id], n.Score)).ToArray()).ToArray();
        var charts = (await db.Charts.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(c => (c.Region, c.Chart))
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Rank).Select(c => c.TitleId).ToArray());
        return new ModelSnapshot(state.Version, state.BuiltAtMs, ids, neighbours, charts);
    }
}
