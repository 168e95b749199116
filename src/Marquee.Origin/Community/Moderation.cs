using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <summary>The moderators' actions on comments and people; each closes what it settles and writes the audit log.</summary>
internal static class Moderation
{
    public static async Task<bool> RemoveAsync(MarqueeDbContext db, string commentId, string moderatorUserId, long nowMs, CancellationToken cancellationToken)
    {
        var changed = await db.Comments.Where(c => c.Id == commentId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CommentStatus.Removed), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        await CloseReportsAsync(db, commentId, cancellationToken);
        ModerationLog.Add(db, moderatorUserId, "removed", commentId, "", nowMs);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public static async Task<bool> ApproveAsync(MarqueeDbContext db, string commentId, string moderatorUserId, long nowMs, CancellationToken cancellationToken)
    {
        var changed = await db.Comments.Where(c => c.Id == commentId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CommentStatus.Visible).SetProperty(c => c.HeldReason, (string?)null), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        await CloseReportsAsync(db, commentId, cancellationToken);
        ModerationLog.Add(db, moderatorUserId, "approved", commentId, "", nowMs);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Keeps the comment as it is and closes its reports.</summary>
    public static async Task<bool> DismissAsync(MarqueeDbContext db, string commentId, string moderatorUserId, long nowMs, CancellationToken cancellationToken)
    {
        if (!await db.Comments.AnyAsync(c => c.Id == commentId, cancellationToken))
        {
            return false;
        }

        var closed = await CloseReportsAsync(db, commentId, cancellationToken);
        ModerationLog.Add(db, moderatorUserId, "dismissed-reports", commentId, $"{closed} report(s)", nowMs);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Removes everything one person (every profile of the account) wrote, in two statements whatever their number,
    /// and closes the reports about it.
    /// </summary>
    public static async Task<int> RemoveAllAsync(MarqueeDbContext db, SocialProfile person, string moderatorUserId, long nowMs, CancellationToken cancellationToken)
    {
        var userId = person.UserId;
        var removed = await db.Comments.Where(c => c.AuthorUserId == userId && c.Status != CommentStatus.Removed)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CommentStatus.Removed), cancellationToken);
        var theirs = db.Comments.Where(c => c.AuthorUserId == userId).Select(c => c.Id);
        await db.CommentReports.Where(r => r.Open && theirs.Contains(r.CommentId))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Open, false), cancellationToken);
        ModerationLog.Add(db, moderatorUserId, "removed-all", person.Handle, $"{removed} comment(s)", nowMs);
        await db.SaveChangesAsync(cancellationToken);
        return removed;
    }

    private static Task<int> CloseReportsAsync(MarqueeDbContext db, string commentId, CancellationToken cancellationToken) =>
        db.CommentReports.Where(r => r.CommentId == commentId && r.Open).ExecuteUpdateAsync(u => u.SetProperty(r => r.Open, false), cancellationToken);
}
