using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Data;

/// <summary>The control plane's database: SQLite by default, one model and one set of migrations.</summary>
public sealed class MarqueeDbContext(DbContextOptions<MarqueeDbContext> options) : DbContext(options)
{
    public DbSet<Title> Titles => Set<Title>();

    public DbSet<MediaAsset> Assets => Set<MediaAsset>();

    public DbSet<TranscodeJob> Jobs => Set<TranscodeJob>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MarqueeDbContext).Assembly);
}
