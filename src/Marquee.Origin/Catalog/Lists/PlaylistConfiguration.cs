using Marquee.Origin.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Catalog.Lists;

internal sealed class PlaylistConfiguration : IEntityTypeConfiguration<Playlist>
{
    public void Configure(EntityTypeBuilder<Playlist> builder)
    {
        builder.ToTable("playlists");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(16);
        builder.Property(p => p.ProfileId).HasMaxLength(16);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.HasIndex(p => p.ProfileId);
        builder.HasOne<Profile>().WithMany().HasForeignKey(p => p.ProfileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.PlaylistId).OnDelete(DeleteBehavior.Cascade);
    }
}
