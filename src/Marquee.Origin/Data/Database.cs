using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Data;

/// <summary>Brings the database to the current schema and sets SQLite up for concurrent readers and writers.</summary>
public static class Database
{
    public static string SqliteConnectionString(string path) =>
        $"Data Source={path};Default Timeout=30;Pooling=True";

    public static async Task MigrateAsync(MarqueeDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets the API read while a worker (in this process or a CLI) writes; it persists in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
