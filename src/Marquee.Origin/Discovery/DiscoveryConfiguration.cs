using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Discovery;

internal sealed class StoredNeighboursConfiguration : IEntityTypeConfiguration<StoredNeighbours>
{
    public void Configure(EntityTypeBuilder<StoredNeighbours> builder)
    {
        builder.ToTable("title_neighbours");
        builder.HasKey(n => n.TitleId);
        builder.Property(n => n.TitleId).HasMaxLength(16);
    }
}

internal sealed class ChartEntryConfiguration : IEntityTypeConfiguration<ChartEntry>
{
    public void Configure(EntityTypeBuilder<ChartEntry> builder)
    {
        builder.ToTable("title_charts");
        builder.HasKey(c => new { c.Region, c.Chart, c.Rank });
        builder.Property(c => c.Region).HasMaxLength(32);
        builder.Property(c => c.Chart).HasMaxLength(16);
        builder.Property(c => c.TitleId).HasMaxLength(16);
    }
}

internal sealed class RecommendationStateConfiguration : IEntityTypeConfiguration<RecommendationState>
{
    public void Configure(EntityTypeBuilder<RecommendationState> builder)
    {
        builder.ToTable("recommendation_state");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Signals).HasMaxLength(200);
        builder.Property(s => s.LeaseHolder).HasMaxLength(64);
    }
}
