using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Accounts;

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<Profile>
{
    public void Configure(EntityTypeBuilder<Profile> builder)
    {
        builder.ToTable("profiles");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(16);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Name).HasMaxLength(40);
        builder.Property(p => p.Avatar).HasMaxLength(16);
        builder.Property(p => p.Language).HasMaxLength(20);
        builder.HasIndex(p => p.UserId);
    }
}
