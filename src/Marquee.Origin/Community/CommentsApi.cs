using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <summary>
/// Comments on titles and episodes, with one level of replies. Bodies are plain text kept as written. A title the
/// viewer may not watch here (licence, maturity) has no conversation for them; held and removed comments are seen by
/// their author only; blocked and muted people's words are left out.
/// </summary>
public static class CommentsApi
{
    private const int DefaultPage = 20;
    private const int MaxPage = 50;

    public static RouteGroupBuilder MapCommentsApi(this RouteGroupBuilder social)
    {
        social.MapGet("/titles/{id}/comments", ListAsync);
        social.MapPost("/titles/{id}/comments", PostAsync);
        social.MapGet("/comments/{id}/replies", RepliesAsync);
        social.MapPatch("/comments/{id}", CommentEditor.EditAsync);
        social.MapDelete("/comments/{id}", CommentEditor.DeleteAsync);
        social.MapPut("/comments/{id}/reaction", CommentEditor.ReactAsync);
        social.MapDelete("/comments/{id}/reaction", CommentEditor.UnreactAsync);
        social.MapPost("/comments/{id}/report", CommentEditor.ReportAsync);
        return social;
    }

    internal static async Task<Results<Ok<CommentPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, string? sort, string? cursor, int? limit, SocialGate gate, CatalogIndex catalog, MarqueeDbContext db, CommentViews views,
        HttpContext http, CancellationToken cancellationToken)
    {
        var top = sort == "top";
        if (Validate(sort is null or "newest" or "top", cursor, limit, out var before) is { } invalid)
        {
            return invalid;
        }

        var (actor, refusal) = await gate.EnterAsync(http, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        if (await TitleTargets.ResolveAsync(id, actor.Viewer, catalog, db, cancellationToken) is not { } target)
        {
            return SocialProblems.TitleNotFound();
        }

        var me = actor.ProfileId;
        var hidden = await new Relations(db).HiddenFromAsync(me, cancellationToken);
        var query = db.Comments.AsNoTracking()
            .Where(c => c.TargetId == target.TargetId && c.Kind == CommentKind.Comment && (c.Status == CommentStatus.Visible || c.AuthorProfileId == me));
        if (hidden.Count > 0)
        {
            query = query.Where(c => !hidden.Contains(c.AuthorProfileId));
        }

        var size = limit ?? DefaultPage;
        List<Comment> rows;
        if (top)
        {
            if (before is { } b)
            {
                query = query.Where(c => c.Score < b.Number || (c.Score == b.Number
                    && (c.CreatedAtMs < b.Ms || (c.CreatedAtMs == b.Ms && string.Compare(c.Id, b.Id) < 0))));
            }

            rows = await query.OrderByDescending(c => c.Score).ThenByDescending(c => c.CreatedAtMs).ThenByDescending(c => c.Id)
                .Take(size + 1).ToListAsync(cancellationToken);
        }
        else
        {
            rows = await Cursor.NewestAfter(query, before).OrderByDescending(c => c.CreatedAtMs).ThenByDescending(c => c.Id).Take(size + 1).ToListAsync(cancellationToken);
        }

        return TypedResults.Ok(await PageAsync(rows, size, top, me, hidden, views, cancellationToken));
    }

    internal static async Task<Results<Ok<CommentPage>, ValidationProblem, ProblemHttpResult>> RepliesAsync(
        string id, string? cursor, int? limit, SocialGate gate, CatalogIndex catalog, MarqueeDbContext db, CommentViews views,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (Validate(true, cursor, limit, out var after) is { } invalid)
        {
            return invalid;
        }

        var (reached, refusal) = await CommentEditor.ReachAsync(id, gate, catalog, db, http, cancellationToken);
        if (reached is null)
        {
            return refusal!;
        }

        var (actor, hidden, parent) = reached;
        if (parent.Kind != CommentKind.Comment)
        {
            return SocialProblems.CommentNotFound();
        }

        var me = actor.ProfileId;
        var query = db.Comments.AsNoTracking()
            .Where(c => c.ParentId == parent.Id && (c.Status == CommentStatus.Visible || c.AuthorProfileId == me));
        if (hidden.Count > 0)
        {
            query = query.Where(c => !hidden.Contains(c.AuthorProfileId));
        }

        if (after is { } a)
        {
            query = query.Where(c => c.CreatedAtMs > a.Ms || (c.CreatedAtMs == a.Ms && string.Compare(c.Id, a.Id) > 0));
        }

        var size = limit ?? DefaultPage;
        var rows = await query.OrderBy(c => c.CreatedAtMs).ThenBy(c => c.Id).Take(size + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(await PageAsync(rows, size, false, me, hidden, views, cancellationToken));
    }

    internal static async Task<Results<Created<CommentView>, ValidationProblem, ProblemHttpResult>> PostAsync(
        string id, CommentRequest? body, SocialGate gate, CatalogIndex catalog, MarqueeDbContext db, CommentWriter writer, CommentViews views,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (SocialRules.TextError("body", body?.Body, Comment.MaxBody) is { } bodyError)
        {
            errors["body"] = [bodyError];
        }

        if (body?.ParentId is { } parentId && !Ids.IsValid(parentId))
        {
            errors["parentId"] = ["parentId is not a comment id."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (actor, refusal) = await gate.EnterAsync(http, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        if (await TitleTargets.ResolveAsync(id, actor.Viewer, catalog, db, cancellationToken) is not { } target)
        {
            return SocialProblems.TitleNotFound();
        }

        var hidden = await new Relations(db).HiddenFromAsync(actor.ProfileId, cancellationToken);
        if (body!.ParentId is { } replyTo)
        {
            var parent = await CommentEditor.FindVisibleAsync(replyTo, actor, hidden, catalog, db, cancellationToken);
            if (parent is not { Kind: CommentKind.Comment, Status: CommentStatus.Visible } || parent.TargetId != target.TargetId)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["parentId"] = ["Replies answer a visible comment on the same title (one level: a reply cannot be answered)."],
                });
            }
        }

        if (await writer.MayWriteAsync(actor, http, cancellationToken) is { } refused)
        {
            return refused;
        }

        var comment = new Comment
        {
            Id = Ids.New(),
            TitleId = target.TitleId,
            TargetId = target.TargetId,
            ParentId = body.ParentId,
            AuthorProfileId = actor.ProfileId,
            AuthorUserId = actor.UserId,
            Kind = body.ParentId is null ? CommentKind.Comment : CommentKind.Reply,
            Body = body.Body!,
            Spoiler = body.Spoiler ?? false,
            CreatedAtMs = writer.NowMs,
        };
        await writer.JudgeAsync(comment, cancellationToken);
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        var view = (await views.ViewAsync([comment], actor.ProfileId, hidden, cancellationToken))[0];
        return TypedResults.Created($"/api/v1/comments/{comment.Id}", view);
    }

    private static ValidationProblem? Validate(bool sortValid, string? cursor, int? limit, out Cursor? position)
    {
        var errors = new Dictionary<string, string[]>();
        if (!sortValid)
        {
            errors["sort"] = ["sort is \"newest\" or \"top\"."];
        }

        if (!Cursor.TryParse(cursor, out position))
        {
            errors["cursor"] = ["cursor is not one this service gave out."];
        }

        if (limit is < 1 or > MaxPage)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxPage}."];
        }

        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static async Task<CommentPage> PageAsync(
        List<Comment> rows, int size, bool top, string me, List<string> hidden, CommentViews views, CancellationToken cancellationToken)
    {
        var more = rows.Count > size;
        var shown = rows.Take(size).ToList();
        var last = shown.LastOrDefault();
        var next = more && last is not null ? new Cursor(top ? last.Score : 0, last.CreatedAtMs, last.Id).Encode() : null;
        return new CommentPage(await views.ViewAsync(shown, me, hidden, cancellationToken), next);
    }
}
