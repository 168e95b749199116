using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Entitlements;

internal sealed class StreamLeaseConfiguration : IEntityTypeConfiguration<StreamLease>
{
    public void Configure(EntityTypeBuilder<StreamLease> builder)
    {
        builder.ToTable("stream_leases");
        builder.HasKey(l => new { l.UserId, l.Slot });
        builder.Property(l => l.UserId).HasMaxLength(450);
        builder.Property(l => l.LeaseId).HasMaxLength(16);
        builder.Property(l => l.ProfileId).HasMaxLength(16);
        builder.Property(l => l.TitleId).HasMaxLength(16);
        builder.HasIndex(l => l.LeaseId).IsUnique();
    }
}
