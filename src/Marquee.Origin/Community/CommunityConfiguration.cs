using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marquee.Origin.Community;

internal sealed class SocialProfileConfiguration : IEntityTypeConfiguration<SocialProfile>
{
    public void Configure(EntityTypeBuilder<SocialProfile> builder)
    {
        builder.ToTable("social_profiles");
        builder.HasKey(s => s.ProfileId);
        builder.Property(s => s.ProfileId).HasMaxLength(16);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Handle).HasMaxLength(SocialRules.MaxHandle);
        builder.Property(s => s.HandleKey).HasMaxLength(SocialRules.MaxHandle);
        // Limits count what a reader sees (an emoji is one); a column counts code points, so it allows for more.
        builder.Property(s => s.DisplayName).HasMaxLength(SocialRules.MaxDisplayName * 4);
        builder.Property(s => s.Bio).HasMaxLength(SocialRules.MaxBio * 4);
        builder.HasIndex(s => s.HandleKey).IsUnique();
        builder.HasIndex(s => s.UserId);
        builder.HasOne<Profile>().WithOne().HasForeignKey<SocialProfile>(s => s.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("comments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(16);
        builder.Property(c => c.TitleId).HasMaxLength(16);
        builder.Property(c => c.TargetId).HasMaxLength(16);
        builder.Property(c => c.ParentId).HasMaxLength(16);
        builder.Property(c => c.AuthorProfileId).HasMaxLength(16);
        builder.Property(c => c.AuthorUserId).HasMaxLength(450);
        builder.Property(c => c.Body).HasMaxLength(Comment.MaxBody * 4);
        builder.Property(c => c.HeldReason).HasMaxLength(200);
        // A page of a title's comments, newest or top first; a comment's replies; one person's comments (their page,
        // feeds, removing everything they wrote); the moderation queue's held comments.
        builder.HasIndex(c => new { c.TargetId, c.Kind, c.CreatedAtMs });
        builder.HasIndex(c => new { c.TargetId, c.Kind, c.Score, c.CreatedAtMs });
        builder.HasIndex(c => new { c.ParentId, c.CreatedAtMs });
        builder.HasIndex(c => new { c.AuthorProfileId, c.CreatedAtMs });
        builder.HasIndex(c => c.AuthorUserId);
        // Only the held few, for the moderation queue: an index on every row's status misleads SQLite's planner into
        // using it for "visible replies of these comments" (617 ms at a million comments, against 1 ms; bench/social).
        builder.HasIndex(c => c.CreatedAtMs).HasFilter("\"Status\" = 1").HasDatabaseName("IX_comments_Held");
        builder.HasOne<Title>().WithMany().HasForeignKey(c => c.TitleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Profile>().WithMany().HasForeignKey(c => c.AuthorProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommentReactionConfiguration : IEntityTypeConfiguration<CommentReaction>
{
    public void Configure(EntityTypeBuilder<CommentReaction> builder)
    {
        builder.ToTable("comment_reactions");
        builder.HasKey(r => new { r.CommentId, r.ProfileId });
        builder.Property(r => r.CommentId).HasMaxLength(16);
        builder.Property(r => r.ProfileId).HasMaxLength(16);
        builder.HasIndex(r => r.ProfileId);
        builder.HasOne<Comment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Profile>().WithMany().HasForeignKey(r => r.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommentReportConfiguration : IEntityTypeConfiguration<CommentReport>
{
    public void Configure(EntityTypeBuilder<CommentReport> builder)
    {
        builder.ToTable("comment_reports");
        builder.HasKey(r => new { r.CommentId, r.ReporterProfileId });
        builder.Property(r => r.CommentId).HasMaxLength(16);
        builder.Property(r => r.ReporterProfileId).HasMaxLength(16);
        builder.Property(r => r.Details).HasMaxLength(SocialRules.MaxReportDetails * 4);
        builder.HasIndex(r => new { r.Open, r.CreatedAtMs });
        builder.HasIndex(r => r.ReporterProfileId);
        builder.HasOne<Comment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Profile>().WithMany().HasForeignKey(r => r.ReporterProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonLinkConfiguration : IEntityTypeConfiguration<PersonLink>
{
    public void Configure(EntityTypeBuilder<PersonLink> builder)
    {
        builder.ToTable("person_links");
        builder.HasKey(l => new { l.FromProfileId, l.ToProfileId, l.Kind });
        builder.Property(l => l.FromProfileId).HasMaxLength(16);
        builder.Property(l => l.ToProfileId).HasMaxLength(16);
        builder.HasIndex(l => new { l.ToProfileId, l.Kind });
        builder.HasOne<Profile>().WithMany().HasForeignKey(l => l.FromProfileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Profile>().WithMany().HasForeignKey(l => l.ToProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommentingSuspensionConfiguration : IEntityTypeConfiguration<CommentingSuspension>
{
    public void Configure(EntityTypeBuilder<CommentingSuspension> builder)
    {
        builder.ToTable("commenting_suspensions");
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasOne<MarqueeUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModerationEntryConfiguration : IEntityTypeConfiguration<ModerationEntry>
{
    public void Configure(EntityTypeBuilder<ModerationEntry> builder)
    {
        builder.ToTable("moderation_log");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.ModeratorUserId).HasMaxLength(450);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.Target).HasMaxLength(80);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.HasIndex(e => e.AtMs);
    }
}
