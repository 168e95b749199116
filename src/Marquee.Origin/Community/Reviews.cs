using System.Security.Cryptography;
using System.Text;
using Marquee.Origin.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <summary>
/// The short review attached to a profile's rating of a title: a comment of kind review with one id per (profile,
/// title), so it is moderated, reported and reacted to like any comment, and a rating change never doubles it.
/// </summary>
internal sealed class Reviews(MarqueeDbContext db, SocialGate gate, CommentWriter writer)
{
    /// <summary>The review of a (profile, title) has one id, so a review is replaced in place and never doubled by a race.</summary>
    public static string IdFor(string profileId, string titleId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("review:" + profileId + ":" + titleId)), 0, 8);

    /// <summary>Null when <paramref name="review"/> is acceptable as a review; otherwise the error for the "review" field.</summary>
    public static string? Error(string? review) =>
        string.IsNullOrEmpty(review) ? null : SocialRules.TextError("review", review, Comment.MaxReview);

    /// <summary>
    /// Writes, replaces or (given empty) deletes the review; left out (null), it stays as it was. A review needs a public
    /// name and goes through the comment limits and policy; a rating alone needs neither.
    /// </summary>
    public async Task<ProblemHttpResult?> ApplyAsync(string titleId, string? review, bool? spoiler, HttpContext http, CancellationToken cancellationToken)
    {
        if (review is null)
        {
            return null;
        }

        var (actor, refusal) = await gate.EnterAsync(http, cancellationToken);
        if (actor is null)
        {
            return refusal;
        }

        var id = IdFor(actor.ProfileId, titleId);
        if (review.Length == 0)
        {
            await db.Comments.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        var existing = await db.Comments.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (existing is not null && existing.Body == review)
        {
            existing.Spoiler = spoiler ?? existing.Spoiler;
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        if (await writer.MayWriteAsync(actor, http, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (existing is { Status: CommentStatus.Removed })
        {
            // A moderator removed the last one: the new words start over as a new arrival.
            db.Comments.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
            existing = null;
        }

        var comment = existing ?? new Comment
        {
            Id = id,
            TitleId = titleId,
            TargetId = titleId,
            AuthorProfileId = actor.ProfileId,
            AuthorUserId = actor.UserId,
            Kind = CommentKind.Review,
            Body = review,
            CreatedAtMs = writer.NowMs,
        };
        if (existing is not null)
        {
            comment.Body = review;
            comment.EditedAtMs = writer.NowMs;
        }
        else
        {
            db.Comments.Add(comment);
        }

        comment.Spoiler = spoiler ?? comment.Spoiler;
        await writer.JudgeAsync(comment, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same profile reviewed the same title a moment ago on another request: that review stands.
            db.ChangeTracker.Clear();
        }

        return null;
    }

    /// <summary>The profile's reviews of these titles: (body, status, spoiler) by title.</summary>
    public static async Task<Dictionary<string, (string Body, string Status, bool Spoiler)>> OfAsync(
        MarqueeDbContext db, string profileId, IReadOnlyCollection<string>? titleIds, CancellationToken cancellationToken)
    {
        var query = db.Comments.AsNoTracking().Where(c => c.AuthorProfileId == profileId && c.Kind == CommentKind.Review);
        if (titleIds is not null)
        {
            var ids = titleIds.ToList();
            query = query.Where(c => ids.Contains(c.TitleId));
        }

        return await query.ToDictionaryAsync(c => c.TitleId, c => (c.Body, CommentViews.StatusName(c.Status), c.Spoiler), cancellationToken);
    }

    public static Task DeleteAsync(MarqueeDbContext db, string profileId, string titleId, CancellationToken cancellationToken)
    {
        var id = IdFor(profileId, titleId);
        return db.Comments.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
    }
}
