using Marquee.Origin.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Progress;

internal sealed class WatchProgressConfiguration : IEntityTypeConfiguration<WatchProgress>
{
    public void Configure(EntityTypeBuilder<WatchProgress> builder)
    {
        builder.ToTable("watch_progress");
        builder.HasKey(p => new { p.ProfileId, p.PlayableId });
        builder.Property(p => p.ProfileId).HasMaxLength(16);
        builder.Property(p => p.PlayableId).HasMaxLength(32);
        builder.Property(p => p.TitleId).HasMaxLength(32);
        builder.Ignore(p => p.Finished);
        builder.HasIndex(p => new { p.ProfileId, p.TitleId });
        builder.HasIndex(p => new { p.ProfileId, p.UpdatedAtMs });
        builder.HasOne<Profile>().WithMany().HasForeignKey(p => p.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
