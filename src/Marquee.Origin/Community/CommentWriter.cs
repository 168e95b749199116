using Marquee.Origin.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Marquee.Origin.SharedState;

namespace Marquee.Origin.Community;

/// <summary>
/// What every new comment, reply and review goes through: a public name, no suspension, the rate limits (per account,
/// stricter while it is new, and per address), then the policy, which may hold or remove it. Held and removed arrivals
/// are written to the moderation log as the policy's doing.
/// </summary>
internal sealed class CommentWriter(MarqueeDbContext db, CommentPolicy policy, SocialLimiter limiter, IOptions<CommunityOptions> options, TimeProvider clock)
{
    public long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Null when the actor may write now; otherwise the refusal.</summary>
    public async Task<ProblemHttpResult?> MayWriteAsync(SocialActor actor, HttpContext http, CancellationToken cancellationToken)
    {
        if (actor.Face is null)
        {
            return SocialProblems.NeedsHandle();
        }

        var now = NowMs;
        if (await db.CommentingSuspensions.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == actor.UserId, cancellationToken) is { } suspension && suspension.ActiveAt(now))
        {
            return SocialProblems.Suspended(suspension.UntilMs);
        }

        var o = options.Value;
        if (await limiter.TryAcquireAsync("comment-address:" + SharedLimits.ClientKey(http), o.CommentsPerMinutePerAddress) is { } addressWait)
        {
            return SocialLimits.TooMany(http, addressWait, "comment");
        }

        var isNew = await IsNewAsync(actor.UserId, cancellationToken);
        var (key, limit) = isNew ? ("comment-new:", o.NewAccountCommentsPerMinute) : ("comment:", o.CommentsPerMinute);
        return await limiter.TryAcquireAsync(key + actor.UserId, limit) is { } wait ? SocialLimits.TooMany(http, wait, "comment") : null;
    }

    /// <summary>Sets the comment's status from the policy and logs a hold or removal.</summary>
    public async Task JudgeAsync(Comment comment, CancellationToken cancellationToken)
    {
        var (status, reason) = policy.Judge(comment.Body, await IsNewAsync(comment.AuthorUserId, cancellationToken));
        if (status == CommentStatus.Visible && comment.Status == CommentStatus.Held)
        {
            return; // an edit does not lift a hold: a moderator does
        }

        comment.Status = status;
        comment.HeldReason = reason;
        if (status != CommentStatus.Visible)
        {
            ModerationLog.Add(db, null, status == CommentStatus.Held ? "held" : "removed", comment.Id, reason ?? "", NowMs);
        }
    }

    /// <summary>The account's age decides both the limit and the link rule: read once per request (this class is scoped).</summary>
    private readonly Dictionary<string, bool> isNew = [];

    private async Task<bool> IsNewAsync(string userId, CancellationToken cancellationToken)
    {
        if (!isNew.TryGetValue(userId, out var result))
        {
            var created = await db.Users.Where(u => u.Id == userId).Select(u => u.CreatedAtMs).SingleOrDefaultAsync(cancellationToken);
            isNew[userId] = result = NowMs - created < options.Value.NewAccountHours * 3_600_000L;
        }

        return result;
    }
}
