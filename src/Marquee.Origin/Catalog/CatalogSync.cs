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

    /// <summary>The change stamp of each title and asset this pass loop has already indexed, within the look-back window.</summary>
    private readonly Dictionary<string, long> applied = new(StringComparer.Ordinal);

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
                // The overlap brings the same rows back pass after pass; only stamps not applied yet are re-indexed.
                var titles = await db.Titles.AsNoTracking().Where(t => t.UpdatedAtMs >= since).Select(t => new { t.Id, t.UpdatedAtMs }).ToListAsync(stoppingToken);
                var assets = await db.Assets.AsNoTracking().Where(a => a.UpdatedAtMs >= since).Select(a => new { a.Id, a.UpdatedAtMs }).ToListAsync(stoppingToken);
                var newTitles = titles.Where(t => IsNew("title:" + t.Id, t.UpdatedAtMs)).ToList();
                var newAssets = assets.Where(a => IsNew("asset:" + a.Id, a.UpdatedAtMs)).ToList();
                var changed = newTitles.Select(t => t.Id).ToList();
                if (newAssets.Count > 0)
                {
                    var assetIds = newAssets.Select(a => a.Id).ToList();
                    changed.AddRange(await db.Titles.AsNoTracking().Where(t => assetIds.Contains(t.AssetId!)).Select(t => t.Id).ToListAsync(stoppingToken));
                    changed.AddRange(await db.Episodes.AsNoTracking().Where(e => assetIds.Contains(e.AssetId!)).Select(e => e.SeriesId).ToListAsync(stoppingToken));
                }

                await catalog.RefreshAsync(changed, stoppingToken);
                foreach (var title in newTitles)
                {
                    applied["title:" + title.Id] = title.UpdatedAtMs;
                }

                foreach (var asset in newAssets)
                {
                    applied["asset:" + asset.Id] = asset.UpdatedAtMs;
                }

                since = now - OverlapMs;
                Forget(since);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSyncFailed(e);
            }
        }
    }

    private bool IsNew(string key, long stamp) => !applied.TryGetValue(key, out var done) || stamp > done;

    /// <summary>Stamps older than the look-back window cannot come back; forget them so the map stays small.</summary>
    private void Forget(long since)
    {
        foreach (var (key, stamp) in applied)
        {
            if (stamp < since)
            {
                applied.Remove(key);
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
