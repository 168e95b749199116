using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Accounts;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("user_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(16);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Kind).HasMaxLength(16);
        builder.Property(s => s.UserAgent).HasMaxLength(UserSession.MaxUserAgentLength);
        builder.Property(s => s.Address).HasMaxLength(64);
        builder.HasIndex(s => s.UserId);
        builder.HasOne<MarqueeUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
