using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Data;

/// <summary>The model on PostgreSQL (Npgsql), with the migrations of Data/Migrations/Postgres.</summary>
public sealed class PostgresMarqueeDbContext(DbContextOptions<PostgresMarqueeDbContext> options) : MarqueeDbContext(options);
