using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Steering;

internal sealed class EdgeNodeConfiguration : IEntityTypeConfiguration<EdgeNode>
{
    public void Configure(EntityTypeBuilder<EdgeNode> builder)
    {
        builder.ToTable("edges");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(32);
        builder.Property(e => e.Region).HasMaxLength(32);
        builder.Property(e => e.BaseUrl).HasMaxLength(256);
        builder.Property(e => e.DegradedReason).HasMaxLength(EdgeHeartbeats.MaxDegradedReasonLength);
    }
}
