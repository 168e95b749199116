using Marquee.Origin.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Catalog.Lists;

internal sealed class PlaylistItemConfiguration : IEntityTypeConfiguration<PlaylistItem>
{
    public void Configure(EntityTypeBuilder<PlaylistItem> builder)
    {
        builder.ToTable("playlist_items");
        builder.HasKey(i => new { i.PlaylistId, i.TitleId });
        builder.Property(i => i.PlaylistId).HasMaxLength(16);
        builder.Property(i => i.TitleId).HasMaxLength(16);
        builder.HasOne<Title>().WithMany().HasForeignKey(i => i.TitleId).OnDelete(DeleteBehavior.Cascade);
    }
}
