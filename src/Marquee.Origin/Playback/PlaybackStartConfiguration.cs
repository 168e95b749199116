using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Playback;

internal sealed class PlaybackStartConfiguration : IEntityTypeConfiguration<PlaybackStart>
{
    public void Configure(EntityTypeBuilder<PlaybackStart> builder)
    {
        builder.ToTable("playback_starts");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.AssetId).HasMaxLength(16);
        builder.Property(p => p.Region).HasMaxLength(32);
        builder.Property(p => p.ProfileId).HasMaxLength(16);
        builder.Property(p => p.TitleId).HasMaxLength(16);
        builder.HasIndex(p => new { p.Region, p.AtMs });
        builder.HasIndex(p => new { p.ProfileId, p.AtMs });
        builder.HasIndex(p => p.AtMs);
    }
}
