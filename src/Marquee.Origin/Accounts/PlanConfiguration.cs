using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Accounts;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(32);
        builder.Property(p => p.Name).HasMaxLength(64);
        builder.HasData(Plan.Defaults.Select(p => new Plan
        {
            Id = p.Id, Name = p.Name, FullCatalog = p.FullCatalog, MaxHeight = p.MaxHeight, MaxStreams = p.MaxStreams,
            DownloadDevices = p.DownloadDevices, PriceCentsPerMonth = p.PriceCentsPerMonth,
        }));
    }
}
