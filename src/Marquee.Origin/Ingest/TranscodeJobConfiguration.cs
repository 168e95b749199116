using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Ingest;

internal sealed class TranscodeJobConfiguration : IEntityTypeConfiguration<TranscodeJob>
{
    public void Configure(EntityTypeBuilder<TranscodeJob> builder)
    {
        builder.ToTable("transcode_jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasMaxLength(16);
        builder.Property(j => j.AssetId).HasMaxLength(16);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.LeaseOwner).HasMaxLength(64);
        builder.Property(j => j.Error).HasMaxLength(1000);
        builder.HasIndex(j => new { j.State, j.CreatedAtMs });
        builder.HasIndex(j => j.AssetId);
    }
}
