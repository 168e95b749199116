using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Discovery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <param name="Value">The author's thumbs on the title.</param>
public sealed record ReviewView(
    string Id, PersonRef Author, string? Value, string Body, bool Spoiler, string Status, DateTimeOffset CreatedAt, bool Mine,
    Dictionary<string, int> Reactions, string? MyReaction);

public sealed record ReviewPage(List<ReviewView> Items, string? Next);

/// <summary><c>GET /api/v1/titles/{id}/reviews</c>: short reviews with their authors' thumbs, newest first; an episode shows its series' reviews.</summary>
public static class ReviewsApi
{
    private const int PageSize = 20;

    public static RouteGroupBuilder MapReviewsApi(this RouteGroupBuilder social)
    {
        social.MapGet("/titles/{id}/reviews", ListAsync);
        return social;
    }

    internal static async Task<Results<Ok<ReviewPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, string? cursor, SocialGate gate, CatalogIndex catalog, MarqueeDbContext db, CommentViews views, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Cursor.TryParse(cursor, out var before))
        {
            return Cursor.Invalid();
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
            .Where(c => c.TargetId == target.TitleId && c.Kind == CommentKind.Review && (c.Status == CommentStatus.Visible || c.AuthorProfileId == me));
        if (hidden.Count > 0)
        {
            query = query.Where(c => !hidden.Contains(c.AuthorProfileId));
        }

        var rows = await Cursor.NewestAfter(query, before).OrderByDescending(c => c.CreatedAtMs).ThenByDescending(c => c.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        var shown = rows.Take(PageSize).ToList();
        var authors = shown.Select(c => c.AuthorProfileId).ToList();
        var values = await db.Ratings.AsNoTracking().Where(r => r.TitleId == target.TitleId && authors.Contains(r.ProfileId))
            .ToDictionaryAsync(r => r.ProfileId, r => RatingValues.Name(r.Value), cancellationToken);
        var commentViews = await views.ViewAsync(shown, me, hidden, cancellationToken);
        var items = shown.Zip(commentViews, (c, v) => new ReviewView(
            c.Id, v.Author, values.GetValueOrDefault(c.AuthorProfileId), c.Body, c.Spoiler, v.Status, v.CreatedAt, v.Mine, v.Reactions, v.MyReaction)).ToList();
        var last = shown.LastOrDefault();
        return TypedResults.Ok(new ReviewPage(items, rows.Count > PageSize && last is not null ? new Cursor(0, last.CreatedAtMs, last.Id).Encode() : null));
    }
}
