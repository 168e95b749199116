using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Data;
using Marquee.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marquee.Origin.Tests.Data;

/// <summary>Upgrading a database made before licences keeps where and how each title was offered.</summary>
public sealed class CatalogMigrationTests
{
    [Fact]
    public async Task Country_lists_and_free_flags_become_licences_and_titles_stay_published()
    {
        var path = Path.Combine(TestPaths.NewScratchFolder("migration"), "marquee.db");
        await using var db = new SqliteMarqueeDbContext(MarqueeDbContext.StandaloneOptions(Database.SqliteConnectionString(path)));
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_Catalog", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(before, TestContext.Current.CancellationToken);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO titles (Id, Name, Slug, Synopsis, Genres, Year, Free, Countries, MaturityRating, AssetId, CreatedAtMs) VALUES
              ('aaaaaaaaaaaaaaaa', 'Everywhere', 'everywhere', '', '', NULL, 0, '', 18, '1111111111111111', 1000),
              ('bbbbbbbbbbbbbbbb', 'Two Countries', 'two-countries', '', '', NULL, 1, 'de, fr', 18, '2222222222222222', 2000);
            """, TestContext.Current.CancellationToken);

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        var licences = await db.Licences.AsNoTracking().OrderBy(l => l.TitleId).ThenBy(l => l.Country).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(
            [("aaaaaaaaaaaaaaaa", "*", LicenceTier.Subscription), ("bbbbbbbbbbbbbbbb", "DE", LicenceTier.Free), ("bbbbbbbbbbbbbbbb", "FR", LicenceTier.Free)],
            licences.Select(l => (l.TitleId, l.Country, l.Tier)));
        Assert.All(licences, l => Assert.Null(l.StartsAtMs));
        var titles = await db.Titles.AsNoTracking().OrderBy(t => t.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(titles, t => Assert.True(t.Published));
        Assert.Equal([1000L, 2000L], titles.Select(t => t.UpdatedAtMs));
        Assert.Equal(3, await db.Regions.CountAsync(TestContext.Current.CancellationToken));
    }
}
