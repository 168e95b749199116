using Marquee.Origin.Accounts;
using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Ingest;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Data;

/// <summary>The control plane's database: SQLite by default, one model and one set of migrations.</summary>
public sealed class MarqueeDbContext(DbContextOptions<MarqueeDbContext> options) : IdentityDbContext<MarqueeUser>(options)
{
    public DbSet<Title> Titles => Set<Title>();

    public DbSet<MediaAsset> Assets => Set<MediaAsset>();

    public DbSet<TranscodeJob> Jobs => Set<TranscodeJob>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<Profile> Profiles => Set<Profile>();

    public DbSet<Entitlements.StreamLease> StreamLeases => Set<Entitlements.StreamLease>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MarqueeDbContext).Assembly);
    }
}
