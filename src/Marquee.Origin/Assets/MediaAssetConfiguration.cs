using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Assets;

internal sealed class MediaAssetConfiguration : IEntityTypeConfiguration<MediaAsset>
{
    public void Configure(EntityTypeBuilder<MediaAsset> builder)
    {
        builder.ToTable("media_assets");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(16);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Error).HasMaxLength(1000);
        builder.Property(a => a.Subtitles).HasMaxLength(200);
        // Every origin asks "which assets changed since…" every few seconds (CatalogSync).
        builder.HasIndex(a => a.UpdatedAtMs);
    }
}
