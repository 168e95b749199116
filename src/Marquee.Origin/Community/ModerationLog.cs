using Marquee.Origin.Data;

namespace Marquee.Origin.Community;

internal static class ModerationLog
{
    /// <summary>Adds a line to the audit log, saved with the caller's next SaveChanges.</summary>
    /// <param name="moderatorUserId">Null for the automatic policy.</param>
    public static void Add(MarqueeDbContext db, string? moderatorUserId, string action, string target, string detail, long nowMs) =>
        db.ModerationLog.Add(new ModerationEntry
        {
            AtMs = nowMs,
            ModeratorUserId = moderatorUserId,
            Action = action,
            Target = target.Length > 80 ? target[..80] : target,
            Detail = detail.Length > 500 ? detail[..500] : detail,
        });
}
