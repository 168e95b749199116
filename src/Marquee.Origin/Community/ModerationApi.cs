using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <summary>
/// <c>/api/v1/admin/moderation</c>: the queue of held and reported comments, the actions on them and on people, and
/// the audit log. Admins only.
/// </summary>
public static class ModerationApi
{
    private const int QueueSize = 100;
    private const int AuditPageSize = 50;

    public static IEndpointRouteBuilder MapModerationApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/moderation").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapGet("/", QueueAsync);
        group.MapPost("/comments/{id}/approve", (string id, MarqueeDbContext db, UserManager<MarqueeUser> users, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            ActAsync(id, Moderation.ApproveAsync, db, users, clock, http, ct));
        group.MapPost("/comments/{id}/remove", (string id, MarqueeDbContext db, UserManager<MarqueeUser> users, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            ActAsync(id, Moderation.RemoveAsync, db, users, clock, http, ct));
        group.MapPost("/comments/{id}/dismiss", (string id, MarqueeDbContext db, UserManager<MarqueeUser> users, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            ActAsync(id, Moderation.DismissAsync, db, users, clock, http, ct));
        group.MapPost("/people/{handle}/remove-comments", RemoveAllAsync);
        group.MapPut("/people/{handle}/suspension", SuspendAsync);
        group.MapDelete("/people/{handle}/suspension", LiftAsync);
        group.MapGet("/audit", AuditAsync);
        return routes;
    }

    internal static async Task<Ok<ModerationQueue>> QueueAsync(MarqueeDbContext db, CatalogIndex catalog, HttpContext http, CancellationToken cancellationToken)
    {
        var held = await db.Comments.AsNoTracking().Where(c => c.Status == CommentStatus.Held).OrderBy(c => c.CreatedAtMs).Take(QueueSize).ToListAsync(cancellationToken);
        var reportedIds = await db.CommentReports.Where(r => r.Open).GroupBy(r => r.CommentId)
            .Select(g => new { Id = g.Key, Count = g.Count(), Last = g.Max(r => r.CreatedAtMs) })
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.Last).Take(QueueSize).Select(g => g.Id).ToListAsync(cancellationToken);
        var reported = await db.Comments.AsNoTracking().Where(c => reportedIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var all = held.Concat(reported.Values).DistinctBy(c => c.Id).ToList();
        var ids = all.Select(c => c.Id).ToList();
        var reports = (await db.CommentReports.AsNoTracking().Where(r => r.Open && ids.Contains(r.CommentId)).ToListAsync(cancellationToken))
            .ToLookup(r => r.CommentId);
        var authorIds = all.Select(c => c.AuthorProfileId).Distinct().ToList();
        var authors = await db.SocialProfiles.AsNoTracking().Where(s => authorIds.Contains(s.ProfileId))
            .ToDictionaryAsync(s => s.ProfileId, s => new PersonRef(s.Handle, s.DisplayName), cancellationToken);
        var titleIds = all.Select(c => c.TitleId).Distinct().ToList();
        var titles = await db.Titles.AsNoTracking().Where(t => titleIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);

        ModerationItem Item(Comment c)
        {
            var open = reports[c.Id].OrderByDescending(r => r.CreatedAtMs).ToList();
            return new ModerationItem(
                new ModeratedComment(c.Id, c.TargetId, titles.GetValueOrDefault(c.TitleId) ?? c.TitleId, c.Body, c.Spoiler, CommentViews.StatusName(c.Status),
                    DateTimeOffset.FromUnixTimeMilliseconds(c.CreatedAtMs), authors.GetValueOrDefault(c.AuthorProfileId) ?? CommentViews.Nobody,
                    c.Kind == CommentKind.Review ? "review" : "comment"),
                c.HeldReason,
                new ReportSummary(open.Count, open.GroupBy(r => r.Reason).ToDictionary(g => Reactions.ReasonName(g.Key), g => g.Count()),
                    open.Where(r => r.Details.Length > 0).Take(10).Select(r => r.Details).ToList()));
        }

        CatalogResponses.Private(http);
        return TypedResults.Ok(new ModerationQueue(
            held.Select(Item).ToList(),
            reportedIds.Where(reported.ContainsKey).Select(id => Item(reported[id])).ToList()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ActAsync(
        string id, Func<MarqueeDbContext, string, string, long, CancellationToken, Task<bool>> action,
        MarqueeDbContext db, UserManager<MarqueeUser> users, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id) || !await action(db, id, users.GetUserId(http.User)!, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Comment not found", detail: "There is no comment with this id.");
        }

        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<RemovedCount>, ProblemHttpResult>> RemoveAllAsync(
        string handle, MarqueeDbContext db, UserManager<MarqueeUser> users, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await PersonLinks.FindAsync(db, handle, cancellationToken, faceless: true) is not { } person)
        {
            return SocialProblems.PersonNotFound();
        }

        var removed = await Moderation.RemoveAllAsync(db, person, users.GetUserId(http.User)!, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        return TypedResults.Ok(new RemovedCount(removed));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SuspendAsync(
        string handle, SuspensionRequest? body, MarqueeDbContext db, UserManager<MarqueeUser> users, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (body?.Days is < 1 or > 3650)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["days is between 1 and 3650, or left out to suspend until lifted."] });
        }

        if (await PersonLinks.FindAsync(db, handle, cancellationToken, faceless: true) is not { } person)
        {
            return SocialProblems.PersonNotFound();
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        long? until = body?.Days is { } days ? now + (days * 86_400_000L) : null;
        var existing = await db.CommentingSuspensions.SingleOrDefaultAsync(s => s.UserId == person.UserId, cancellationToken);
        if (existing is null)
        {
            db.CommentingSuspensions.Add(new CommentingSuspension { UserId = person.UserId, UntilMs = until, CreatedAtMs = now });
        }
        else
        {
            existing.UntilMs = until;
            existing.CreatedAtMs = now;
        }

        ModerationLog.Add(db, users.GetUserId(http.User), "suspended", person.Handle, body?.Days is { } d ? $"{d} day(s)" : "until lifted", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> LiftAsync(
        string handle, MarqueeDbContext db, UserManager<MarqueeUser> users, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (await PersonLinks.FindAsync(db, handle, cancellationToken, faceless: true) is not { } person)
        {
            return SocialProblems.PersonNotFound();
        }

        if (await db.CommentingSuspensions.Where(s => s.UserId == person.UserId).ExecuteDeleteAsync(cancellationToken) > 0)
        {
            ModerationLog.Add(db, users.GetUserId(http.User), "lifted-suspension", person.Handle, "", clock.GetUtcNow().ToUnixTimeMilliseconds());
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<AuditPage>, ValidationProblem>> AuditAsync(string? cursor, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Cursor.TryParse(cursor, out var before))
        {
            return Cursor.Invalid();
        }

        var beforeId = before?.Number ?? long.MaxValue;
        var rows = await db.ModerationLog.AsNoTracking().Where(e => e.Id < beforeId).OrderByDescending(e => e.Id).Take(AuditPageSize + 1)
            .GroupJoin(db.Users, e => e.ModeratorUserId, u => u.Id, (e, u) => new { e, u })
            .SelectMany(x => x.u.DefaultIfEmpty(), (x, u) => new { x.e, Email = u == null ? null : u.Email })
            .OrderByDescending(x => x.e.Id)
            .ToListAsync(cancellationToken);
        var items = rows.Take(AuditPageSize).Select(r => new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(r.e.AtMs),
            r.e.ModeratorUserId is null ? "policy" : r.Email ?? "(deleted account)", r.e.Action, r.e.Target, r.e.Detail)).ToList();
        CatalogResponses.Private(http);
        return TypedResults.Ok(new AuditPage(items, rows.Count > AuditPageSize ? new Cursor(rows[AuditPageSize - 1].e.Id, 0, "a").Encode() : null));
    }
}
