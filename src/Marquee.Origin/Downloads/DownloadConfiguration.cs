using Marquee.Origin.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Downloads;

internal sealed class DownloadDeviceConfiguration : IEntityTypeConfiguration<DownloadDevice>
{
    public void Configure(EntityTypeBuilder<DownloadDevice> builder)
    {
        builder.ToTable("download_devices");
        builder.HasKey(d => new { d.UserId, d.Id });
        builder.Property(d => d.Id).HasMaxLength(64);
        builder.Property(d => d.Name).HasMaxLength(60);
        builder.HasOne<MarqueeUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// No foreign key to the device (removing a device revokes its licences, which stay until the app has heard why)
/// nor to the title (a title that goes away revokes them at the next check-in).
/// </summary>
internal sealed class DownloadLicenceConfiguration : IEntityTypeConfiguration<DownloadLicence>
{
    public void Configure(EntityTypeBuilder<DownloadLicence> builder)
    {
        builder.ToTable("download_licences");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasMaxLength(32);
        builder.Property(l => l.DeviceId).HasMaxLength(64);
        builder.Property(l => l.TitleId).HasMaxLength(32);
        builder.Property(l => l.EpisodeId).HasMaxLength(32);
        builder.Property(l => l.ContentId).HasMaxLength(32);
        builder.Property(l => l.Key).HasMaxLength(16);
        builder.Property(l => l.RevokedReason).HasMaxLength(300);
        builder.Property(l => l.Name).HasMaxLength(600);
        builder.HasIndex(l => new { l.ProfileId, l.DeviceId, l.ContentId }).IsUnique();
        builder.HasIndex(l => new { l.UserId, l.DeviceId });
        builder.HasOne<MarqueeUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Profile>().WithMany().HasForeignKey(l => l.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
