using Marquee.Origin.Data;
using Marquee.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marquee.Origin.Tests.Data;

/// <summary>A data directory from before edges could say they are degraded still opens, its edges healthy and in place.</summary>
public sealed class EdgeHealthMigrationTests
{
    [Fact]
    public async Task Registered_edges_stay_and_count_as_not_degraded()
    {
        var path = Path.Combine(TestPaths.NewScratchFolder("migration"), "marquee.db");
        await using var db = new SqliteMarqueeDbContext(MarqueeDbContext.StandaloneOptions(Database.SqliteConnectionString(path)));
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_EdgeHealth", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(before, TestContext.Current.CancellationToken);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO edges (Id, Region, BaseUrl, Healthy, LoadFactor, ActiveConnections, EgressBytesPerSecond, HitRatio, ByteHitRatio,
                               CacheUsedBytes, CacheCapacityBytes, RegisteredAtMs, LastSeenMs)
            VALUES ('eu-1', 'eu', 'http://127.0.0.1:8101', 1, 0.25, 3, 1000, 0.5, 0.6, 100, 1000, 1000, 2000);
            """, TestContext.Current.CancellationToken);

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        var edge = await db.Edges.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("eu-1", true, 0.25, 2000L), (edge.Id, edge.Healthy, edge.LoadFactor, edge.LastSeenMs));
        Assert.False(edge.Degraded);
        Assert.Null(edge.DegradedReason);
    }
}
