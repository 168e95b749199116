using Marquee.Origin.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Sharing;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.HasKey(i => i.UserId);
        builder.Property(i => i.Code).HasMaxLength(22);
        builder.HasIndex(i => i.Code).IsUnique();
        builder.HasOne<MarqueeUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Who invited an account: indexed, as the admin's view counts sign-ups per inviter.</summary>
internal sealed class InvitedByConfiguration : IEntityTypeConfiguration<MarqueeUser>
{
    public void Configure(EntityTypeBuilder<MarqueeUser> builder)
    {
        builder.Property(u => u.InvitedBy).HasMaxLength(450);
        builder.HasIndex(u => u.InvitedBy);
    }
}
