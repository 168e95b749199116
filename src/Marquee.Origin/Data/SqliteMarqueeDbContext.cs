using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Data;

/// <summary>The model on SQLite (the default, one file in the data directory), with the migrations of Data/Migrations/Sqlite.</summary>
public sealed class SqliteMarqueeDbContext(DbContextOptions<SqliteMarqueeDbContext> options) : MarqueeDbContext(options);
