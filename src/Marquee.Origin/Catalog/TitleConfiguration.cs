using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Catalog;

internal sealed class TitleConfiguration : IEntityTypeConfiguration<Title>
{
    public void Configure(EntityTypeBuilder<Title> builder)
    {
        builder.ToTable("titles");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(16);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Slug).HasMaxLength(220);
        builder.Property(t => t.Synopsis).HasMaxLength(4000);
        builder.Property(t => t.Genres).HasMaxLength(400);
        builder.Property(t => t.OriginalLanguage).HasMaxLength(20);
        builder.Property(t => t.AssetId).HasMaxLength(16);
        builder.Property(t => t.TrailerAssetId).HasMaxLength(16);
        builder.Property(t => t.PosterKey).HasMaxLength(200);
        // Existing titles stay shareable; true is the "not set" value, so an explicit false is written.
        builder.Property(t => t.Shareable).HasDefaultValue(true).HasSentinel(true);
        builder.OwnsMany(t => t.Credits, credits => credits.ToJson());
        builder.HasMany(t => t.Licences).WithOne().HasForeignKey(l => l.TitleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.Slug);
        builder.HasIndex(t => t.AssetId);
        builder.HasIndex(t => t.UpdatedAtMs);
    }
}
