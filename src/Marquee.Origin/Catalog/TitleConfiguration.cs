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
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Slug).HasMaxLength(220);
        builder.Property(t => t.Synopsis).HasMaxLength(4000);
        builder.Property(t => t.Genres).HasMaxLength(400);
        builder.Property(t => t.Countries).HasMaxLength(1000);
        builder.Property(t => t.AssetId).HasMaxLength(16);
        builder.HasIndex(t => t.Slug);
        builder.HasIndex(t => t.AssetId).IsUnique();
    }
}
