using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Community;

/// <summary>What is done to one comment: edit and delete (its author; moderators remove), react, report.</summary>
internal static class CommentEditor
{
    /// <summary>The comment, when the actor may see it: on a title they may watch, visible (or theirs), by nobody they blocked or muted or who blocked them.</summary>
    public static async Task<Comment?> FindVisibleAsync(
        string id, SocialActor actor, IReadOnlyCollection<string> hidden, CatalogIndex catalog, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id))
        {
            return null;
        }

        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return comment is not null
            && (comment.Status == CommentStatus.Visible || comment.AuthorProfileId == actor.ProfileId || actor.IsModerator)
            && !hidden.Contains(comment.AuthorProfileId)
            && TitleTargets.Visible(comment.TitleId, actor.Viewer, catalog)
            ? comment
            : null;
    }

    internal sealed record Reached(SocialActor Actor, List<string> Hidden, Comment Comment);

    /// <summary>The actor and the comment they named, or the refusal: a kids profile, or a comment they may not see.</summary>
    public static async Task<(Reached? Reached, ProblemHttpResult? Refusal)> ReachAsync(
        string id, SocialGate gate, CatalogIndex catalog, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await gate.EnterAsync(http, cancellationToken);
        if (actor is null)
        {
            return (null, refusal);
        }

        var hidden = await new Relations(db).HiddenFromAsync(actor.ProfileId, cancellationToken);
        return await FindVisibleAsync(id, actor, hidden, catalog, db, cancellationToken) is { } comment
            ? (new Reached(actor, hidden, comment), null)
            : (null, SocialProblems.CommentNotFound());
    }

    public static async Task<Results<Ok<CommentView>, ValidationProblem, ProblemHttpResult>> EditAsync(
        string id, CommentEdit? body, SocialGate gate, CatalogIndex catalog, MarqueeDbContext db, CommentWriter writer, CommentViews views,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (body?.Body is not null && SocialRules.TextError("body", body.Body, Comment.MaxBody) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [error] });
        }

        var (reached, refusal) = await ReachAsync(id, gate, catalog, db, http, cancellationToken);
        if (reached is null)
        {
            return refusal!;
        }

        var (actor, hidden, comment) = reached;

        var mine = comment.AuthorProfileId == actor.ProfileId;
        // A moderator may mark a spoiler; only the author may change what they said.
        if (!mine && (!actor.IsModerator || body?.Body is not null))
        {
            return SocialProblems.NotYours();
        }

        if (comment.Status == CommentStatus.Removed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Comment removed", detail: "A removed comment cannot be edited.");
        }

        if (body?.Body is { } text && text != comment.Body)
        {
            comment.Body = text;
            comment.EditedAtMs = writer.NowMs;
            await writer.JudgeAsync(comment, cancellationToken);
        }

        comment.Spoiler = body?.Spoiler ?? comment.Spoiler;
        if (!mine)
        {
            ModerationLog.Add(db, actor.UserId, "marked-spoiler", comment.Id, comment.Spoiler ? "spoiler" : "not a spoiler", writer.NowMs);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await views.ViewAsync([comment], actor.ProfileId, hidden, cancellationToken))[0]);
    }

    /// <summary>
    /// The author's delete takes the words away (with the thread's replies: they answer something no longer there); a
    /// moderator's removes the comment from view and keeps it for the log.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, SocialGate gate, CatalogIndex catalog, MarqueeDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var (reached, refusal) = await ReachAsync(id, gate, catalog, db, http, cancellationToken);
        if (reached is null)
        {
            return refusal!;
        }

        var (actor, hidden, comment) = reached;

        if (comment.AuthorProfileId == actor.ProfileId)
        {
            await db.Comments.Where(c => c.Id == comment.Id || c.ParentId == comment.Id).ExecuteDeleteAsync(cancellationToken);
            return TypedResults.NoContent();
        }

        if (!actor.IsModerator)
        {
            return SocialProblems.NotYours();
        }

        await Moderation.RemoveAsync(db, comment.Id, actor.UserId, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ReactionsView>, ValidationProblem, ProblemHttpResult>> ReactAsync(
        string id, ReactionRequest? body, SocialGate gate, CatalogIndex catalog, MarqueeDbContext db, SocialLimiter limiter, IOptions<CommunityOptions> options,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (Reactions.Parse(body?.Kind) is not { } kind)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["kind is one of like, love, laugh, wow, sad."] });
        }

        var (reached, refusal) = await ReachAsync(id, gate, catalog, db, http, cancellationToken);
        if (reached is null)
        {
            return refusal!;
        }

        var (actor, hidden, comment) = reached;

        if (comment.Status != CommentStatus.Visible)
        {
            return SocialProblems.CommentNotFound();
        }

        if (await limiter.TryAcquireAsync("action:" + actor.UserId, options.Value.ActionsPerMinute) is { } wait)
        {
            return SocialLimits.TooMany(http, wait, "reaction");
        }

        var changed = await db.CommentReactions.Where(r => r.CommentId == comment.Id && r.ProfileId == actor.ProfileId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Kind, kind), cancellationToken);
        if (changed == 0)
        {
            db.CommentReactions.Add(new CommentReaction { CommentId = comment.Id, ProfileId = actor.ProfileId, Kind = kind });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await db.Comments.Where(c => c.Id == comment.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Score, c => c.Score + 1), cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Reacted a moment ago on another request: that row stands, with this kind.
                db.ChangeTracker.Clear();
                await db.CommentReactions.Where(r => r.CommentId == comment.Id && r.ProfileId == actor.ProfileId)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Kind, kind), cancellationToken);
            }
        }

        return TypedResults.Ok(await ReactionsAsync(db, comment.Id, actor.ProfileId, cancellationToken));
    }

    public static async Task<Results<Ok<ReactionsView>, ProblemHttpResult>> UnreactAsync(
        string id, SocialGate gate, CatalogIndex catalog, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (reached, refusal) = await ReachAsync(id, gate, catalog, db, http, cancellationToken);
        if (reached is null)
        {
            return refusal!;
        }

        var (actor, hidden, comment) = reached;

        if (await db.CommentReactions.Where(r => r.CommentId == comment.Id && r.ProfileId == actor.ProfileId).ExecuteDeleteAsync(cancellationToken) > 0)
        {
            await db.Comments.Where(c => c.Id == comment.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Score, c => c.Score - 1), cancellationToken);
        }

        return TypedResults.Ok(await ReactionsAsync(db, comment.Id, actor.ProfileId, cancellationToken));
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ReportAsync(
        string id, ReportRequest? body, SocialGate gate, CatalogIndex catalog, MarqueeDbContext db, SocialLimiter limiter,
        IOptions<CommunityOptions> options, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (Reactions.ParseReason(body?.Reason) is not { } reason)
        {
            errors["reason"] = ["reason is one of spam, harassment, spoiler, hateful, other."];
            reason = default;
        }

        if (!string.IsNullOrWhiteSpace(body?.Details) && SocialRules.TextError("details", body.Details, SocialRules.MaxReportDetails) is { } detailsError)
        {
            errors["details"] = [detailsError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (reached, refusal) = await ReachAsync(id, gate, catalog, db, http, cancellationToken);
        if (reached is null)
        {
            return refusal!;
        }

        var (actor, hidden, comment) = reached;

        if (comment.AuthorProfileId == actor.ProfileId)
        {
            return SocialProblems.Self("report");
        }

        if (await limiter.TryAcquireAsync("action:" + actor.UserId, options.Value.ActionsPerMinute) is { } wait)
        {
            return SocialLimits.TooMany(http, wait, "report");
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var details = body!.Details?.Trim() ?? "";
        var updated = await db.CommentReports.Where(r => r.CommentId == comment.Id && r.ReporterProfileId == actor.ProfileId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Reason, reason).SetProperty(r => r.Details, details)
                .SetProperty(r => r.CreatedAtMs, now).SetProperty(r => r.Open, true), cancellationToken);
        if (updated == 0)
        {
            db.CommentReports.Add(new CommentReport { CommentId = comment.Id, ReporterProfileId = actor.ProfileId, Reason = reason, Details = details, CreatedAtMs = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // the same report, sent twice at once: one is kept
            }
        }

        await HoldIfWidelyReportedAsync(db, comment.Id, options.Value.HoldAfterReports, now, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Many people reporting one comment hold it until a moderator looks: a spam blast stops spreading before anyone is on duty.</summary>
    private static async Task HoldIfWidelyReportedAsync(MarqueeDbContext db, string commentId, int threshold, long nowMs, CancellationToken cancellationToken)
    {
        if (threshold == 0 || await db.CommentReports.CountAsync(r => r.CommentId == commentId && r.Open, cancellationToken) < threshold)
        {
            return;
        }

        var reason = $"reported by {threshold} or more people";
        if (await db.Comments.Where(c => c.Id == commentId && c.Status == CommentStatus.Visible)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CommentStatus.Held).SetProperty(c => c.HeldReason, reason), cancellationToken) > 0)
        {
            ModerationLog.Add(db, null, "held", commentId, reason, nowMs);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static async Task<ReactionsView> ReactionsAsync(MarqueeDbContext db, string commentId, string profileId, CancellationToken cancellationToken)
    {
        var counts = await db.CommentReactions.Where(r => r.CommentId == commentId).GroupBy(r => r.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var mine = await db.CommentReactions.Where(r => r.CommentId == commentId && r.ProfileId == profileId)
            .Select(r => (ReactionKind?)r.Kind).SingleOrDefaultAsync(cancellationToken);
        return new ReactionsView(counts.ToDictionary(c => Reactions.Name(c.Kind), c => c.Count), mine is { } kind ? Reactions.Name(kind) : null);
    }
}
