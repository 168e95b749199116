using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Catalog;

internal sealed class EpisodeConfiguration : IEntityTypeConfiguration<Episode>
{
    public void Configure(EntityTypeBuilder<Episode> builder)
    {
        builder.ToTable("episodes");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(16);
        builder.Property(e => e.SeriesId).HasMaxLength(16);
        builder.Property(e => e.SeasonId).HasMaxLength(16);
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.Synopsis).HasMaxLength(4000);
        builder.Property(e => e.AssetId).HasMaxLength(16);
        builder.HasIndex(e => new { e.SeasonId, e.Number }).IsUnique();
        builder.HasIndex(e => e.SeriesId);
        builder.HasIndex(e => e.AssetId);
    }
}
