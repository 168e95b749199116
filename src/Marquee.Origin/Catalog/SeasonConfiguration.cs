using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Catalog;

internal sealed class SeasonConfiguration : IEntityTypeConfiguration<Season>
{
    public void Configure(EntityTypeBuilder<Season> builder)
    {
        builder.ToTable("seasons");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(16);
        builder.Property(s => s.SeriesId).HasMaxLength(16);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasOne<Title>().WithMany().HasForeignKey(s => s.SeriesId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Episodes).WithOne().HasForeignKey(e => e.SeasonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.SeriesId, s.Number }).IsUnique();
    }
}
