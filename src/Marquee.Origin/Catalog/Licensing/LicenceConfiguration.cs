using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Catalog.Licensing;

internal sealed class LicenceConfiguration : IEntityTypeConfiguration<Licence>
{
    public void Configure(EntityTypeBuilder<Licence> builder)
    {
        builder.ToTable("licences");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasMaxLength(16);
        builder.Property(l => l.TitleId).HasMaxLength(16);
        builder.Property(l => l.Country).HasMaxLength(2);
        builder.Property(l => l.Tier).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(l => l.TitleId);
    }
}
