using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Data;
using Microsoft.Data.Sqlite;

namespace Marquee.Bench.Search.Dataset;

/// <summary>
/// Writes the generated titles into an origin database through the origin's own model and migrations: each a
/// published movie with a ready, published asset and its licences, as an admin and a worker would have left it.
/// </summary>
internal static class OriginSeeder
{
    public const int BatchSize = 5_000;

    public static async Task SeedAsync(string databasePath, IReadOnlyList<GeneratedTitle> titles, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var connectionString = Database.SqliteConnectionString(databasePath);
        await using (var db = new SqliteMarqueeDbContext(MarqueeDbContext.StandaloneOptions(connectionString)))
        {
            await Database.MigrateAsync(db, cancellationToken);
        }

        foreach (var batch in titles.Chunk(BatchSize))
        {
            // A context per batch: the change tracker would otherwise grow with every title written.
            await using var db = new SqliteMarqueeDbContext(MarqueeDbContext.StandaloneOptions(connectionString));
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var title in batch)
            {
                db.Titles.Add(ToTitle(title));
                db.Assets.Add(new MediaAsset
                {
                    Id = title.AssetId,
                    Status = AssetStatus.Ready,
                    PublishedVersion = 1,
                    DurationSeconds = title.RuntimeMinutes * 60,
                    HasAudio = true,
                    CreatedAtMs = title.CreatedAtMs,
                    UpdatedAtMs = title.CreatedAtMs,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // Release the file before the origin opens it.
        SqliteConnection.ClearAllPools();
    }

    private static Title ToTitle(GeneratedTitle title) => new()
    {
        Id = title.Id,
        Kind = TitleKind.Movie,
        Name = title.Name,
        Slug = Slug.From(title.Name),
        Synopsis = title.Synopsis,
        Genres = string.Join(',', title.Genres),
        Year = title.Year,
        RuntimeMinutes = title.RuntimeMinutes,
        OriginalLanguage = "en",
        MaturityRating = title.MaturityRating,
        Credits = [.. title.Actors.Select(a => new Credit { Name = a, Role = "actor" }), new Credit { Name = title.Director, Role = "director" }],
        AssetId = title.AssetId,
        Published = true,
        PublishedAtMs = title.CreatedAtMs,
        CreatedAtMs = title.CreatedAtMs,
        UpdatedAtMs = title.CreatedAtMs,
        Licences = title.Licences.Select(l => new Licence
        {
            Id = l.Id,
            TitleId = title.Id,
            Country = l.Country,
            Tier = l.Tier,
            StartsAtMs = l.StartsAtMs,
            EndsAtMs = l.EndsAtMs,
        }).ToList(),
    };
}
