using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Data;

/// <summary>Brings the database to the current schema and sets SQLite up for concurrent readers and writers.</summary>
public static class Database
{
    /// <summary>The PostgreSQL advisory lock that lets one origin at a time migrate (any fixed number would do).</summary>
    private const long MigrationLock = 0x6D61727175656501; // "marquee" + 1
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

        if (db.Database.IsNpgsql())
        {
            // Origins starting together would otherwise each create the tables of the same migration (EF Core's own
            // lock for Npgsql covers the history table only once it exists). The lock belongs to this session, so
            // the migrations run on the same opened connection, and a crashed origin's lock ends with its connection.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
