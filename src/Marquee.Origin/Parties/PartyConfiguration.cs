using Marquee.Origin.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Parties;

internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> builder)
    {
        builder.ToTable("parties");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(PartyIds.Length);
        builder.Property(p => p.HostProfileId).HasMaxLength(16);
        builder.Property(p => p.HostUserId).HasMaxLength(450);
        builder.Property(p => p.PlayableId).HasMaxLength(32);
        builder.Property(p => p.TitleId).HasMaxLength(32);
        builder.Property(p => p.ControllerMemberId).HasMaxLength(16);
        builder.Property(p => p.ByMemberId).HasMaxLength(16);
        builder.Property(p => p.Version).IsConcurrencyToken();
        // The sweep: parties whose wait for everyone ran out, and parties over long enough to delete.
        builder.HasIndex(p => p.WaitingUntilMs);
        builder.HasIndex(p => p.ExpiresAtMs);
        builder.HasOne<Profile>().WithMany().HasForeignKey(p => p.HostProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartyMemberConfiguration : IEntityTypeConfiguration<PartyMember>
{
    public void Configure(EntityTypeBuilder<PartyMember> builder)
    {
        builder.ToTable("party_members");
        builder.HasKey(m => m.MemberId);
        builder.Property(m => m.MemberId).HasMaxLength(16);
        builder.Property(m => m.PartyId).HasMaxLength(PartyIds.Length);
        builder.Property(m => m.ProfileId).HasMaxLength(16);
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Country).HasMaxLength(2);
        builder.Property(m => m.ConnectionId).HasMaxLength(64);
        builder.HasIndex(m => new { m.PartyId, m.ProfileId }).IsUnique();
        // Members whose origin went away without saying so: present, but not seen for a while.
        builder.HasIndex(m => m.LastSeenMs);
        builder.HasOne<Party>().WithMany().HasForeignKey(m => m.PartyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Profile>().WithMany().HasForeignKey(m => m.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartyMessageConfiguration : IEntityTypeConfiguration<PartyMessage>
{
    public void Configure(EntityTypeBuilder<PartyMessage> builder)
    {
        builder.ToTable("party_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(16);
        builder.Property(m => m.PartyId).HasMaxLength(PartyIds.Length);
        builder.Property(m => m.MemberId).HasMaxLength(16);
        builder.Property(m => m.ProfileId).HasMaxLength(16);
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Text).HasMaxLength(PartyRules.MaxChat * 4);
        builder.HasIndex(m => new { m.PartyId, m.AtMs });
        builder.HasOne<Party>().WithMany().HasForeignKey(m => m.PartyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Profile>().WithMany().HasForeignKey(m => m.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
