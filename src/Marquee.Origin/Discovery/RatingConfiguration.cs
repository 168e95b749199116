using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Discovery;

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        builder.ToTable("ratings");
        builder.HasKey(r => new { r.ProfileId, r.TitleId });
        builder.Property(r => r.ProfileId).HasMaxLength(16);
        builder.Property(r => r.TitleId).HasMaxLength(16);
        builder.HasOne<Profile>().WithMany().HasForeignKey(r => r.ProfileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Title>().WithMany().HasForeignKey(r => r.TitleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.UpdatedAtMs);
    }
}
