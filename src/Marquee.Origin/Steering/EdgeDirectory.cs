using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Steering;

/// <summary>
/// The edges as the database knows them, read at most once a second (every playback and steering request asks),
/// and at once after this origin received a heartbeat, so a cluster of origins agrees through the database.
/// </summary>
public sealed class EdgeDirectory(IServiceScopeFactory scopes) : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private IReadOnlyList<EdgeNode> edges = [];
    private long readAt = long.MinValue;
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
                edges = await db.Edges.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
                Volatile.Write(ref readAt, Environment.TickCount64);
            }

            return edges;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
