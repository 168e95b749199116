using Marquee.Origin.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Catalog.Lists;

internal sealed class MyListEntryConfiguration : IEntityTypeConfiguration<MyListEntry>
{
    public void Configure(EntityTypeBuilder<MyListEntry> builder)
    {
        builder.ToTable("my_list");
        builder.HasKey(e => new { e.ProfileId, e.TitleId });
        builder.Property(e => e.ProfileId).HasMaxLength(16);
        builder.Property(e => e.TitleId).HasMaxLength(16);
        builder.HasOne<Profile>().WithMany().HasForeignKey(e => e.ProfileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Title>().WithMany().HasForeignKey(e => e.TitleId).OnDelete(DeleteBehavior.Cascade);
    }
}
