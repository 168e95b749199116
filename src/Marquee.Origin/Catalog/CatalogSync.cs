using System.Runtime;
using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marquee.Origin.Catalog;

/// <summary>
/// Loads the in-memory catalog on start, then follows the database: titles whose row moved (admin edits, licences,
/// episodes) and titles whose media was published by any worker process. Polling the shared database is what
/// lets several origins and separate workers agree; with Redis, <see cref="CatalogChanges"/> wakes every origin the
/// moment one of them (or a worker) changed something, and the poll remains the safety net.
/// </summary>
public sealed partial class CatalogSync(
    CatalogIndex catalog, PublishedVersions published, CatalogChanges changes, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<CatalogSync> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Rows stamped by another process's clock may arrive slightly late; look back this far every time.</summary>
    private const long OverlapMs = 5_000;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Loaded before the origin accepts requests, so browse and search are never empty after a restart.
        await catalog.LoadAllAsync(cancellationToken);
        LogLoaded(catalog.Count);
        published.Published += _ => Wake();
        changes.Changed += Wake;
        // Loading leaves hundreds of MB of garbage (EF's materialized rows, Lucene's write buffer). Collect it once
        // now, before the origin serves, instead of in a full collection that pauses requests later.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Catalog:SyncInterval", TimeSpan.FromSeconds(2));
        var since = clock.GetUtcNow().ToUnixTimeMilliseconds() - OverlapMs;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Every interval, or at once when this process's worker published something.
            await _wake.WaitAsync(interval, stoppingToken);
            try
            {
                var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
                var changed = await db.Titles.AsNoTracking().Where(t => t.UpdatedAtMs >= since).Select(t => t.Id).ToListAsync(stoppingToken);
                var assets = db.Assets.AsNoTracking().Where(a => a.UpdatedAtMs >= since).Select(a => a.Id);
                changed.AddRange(await db.Titles.AsNoTracking().Where(t => assets.Contains(t.AssetId!)).Select(t => t.Id).ToListAsync(stoppingToken));
                changed.AddRange(await db.Episodes.AsNoTracking().Where(e => assets.Contains(e.AssetId!)).Select(e => e.SeriesId).ToListAsync(stoppingToken));
                await catalog.RefreshAsync(changed, stoppingToken);
                since = now - OverlapMs;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSyncFailed(e);
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A pass is already due.
        }
    }

    [LoggerMessage(LogLevel.Information, "Catalog loaded: {Count} published titles")]
    private partial void LogLoaded(int count);

    [LoggerMessage(LogLevel.Warning, "Catalog sync failed; retrying")]
    private partial void LogSyncFailed(Exception exception);
}
