using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <summary>The moderators' actions on comments and people; each closes what it settles and writes the audit log.</summary>
internal static class Moderation
{
    public static Task<bool> RemoveAsync(MarqueeDbContext db, string commentId, string moderatorUserId, long nowMs, CancellationToken cancellationToken) =>
        SettleAsync(db, commentId, CommentStatus.Removed, "removed", moderatorUserId, nowMs, cancellationToken);

    public static Task<bool> ApproveAsync(MarqueeDbContext db, string commentId, string moderatorUserId, long nowMs, CancellationToken cancellationToken) =>
        SettleAsync(db, commentId, CommentStatus.Visible, "approved", moderatorUserId, nowMs, cancellationToken);

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

    /// <summary>Gives the comment its moderated status (an approval also forgets why it was held), closes its reports and logs it.</summary>
    private static async Task<bool> SettleAsync(
        MarqueeDbContext db, string commentId, CommentStatus status, string action, string moderatorUserId, long nowMs, CancellationToken cancellationToken)
    {
        var rows = db.Comments.Where(c => c.Id == commentId);
        var changed = status == CommentStatus.Visible
            ? await rows.ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, status).SetProperty(c => c.HeldReason, (string?)null), cancellationToken)
            : await rows.ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, status), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        await CloseReportsAsync(db, commentId, cancellationToken);
        ModerationLog.Add(db, moderatorUserId, action, commentId, "", nowMs);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static Task<int> CloseReportsAsync(MarqueeDbContext db, string commentId, CancellationToken cancellationToken) =>
        db.CommentReports.Where(r => r.CommentId == commentId && r.Open).ExecuteUpdateAsync(u => u.SetProperty(r => r.Open, false), cancellationToken);
}
