using Marquee.Origin.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <summary><c>GET /api/v1/feed</c>: what the people you follow rated, reviewed or said lately, newest first, of those who share it.</summary>
public static class FeedApi
{
    private const int PageSize = 20;

    public static RouteGroupBuilder MapFeedApi(this RouteGroupBuilder social)
    {
        social.MapGet("/feed", FeedAsync);
        return social;
    }

    internal static async Task<Results<Ok<FeedPage>, ValidationProblem, ProblemHttpResult>> FeedAsync(
        string? cursor, SocialGate gate, MarqueeDbContext db, ActivityReader activity, HttpContext http, CancellationToken cancellationToken)
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

        var hidden = await new Relations(db).HiddenFromAsync(actor.ProfileId, cancellationToken);
        var followed = await db.PersonLinks.Where(l => l.FromProfileId == actor.ProfileId && l.Kind == LinkKind.Follow)
            .Join(db.SocialProfiles.Where(s => s.ShareActivity), l => l.ToProfileId, s => s.ProfileId, (l, s) => s)
            .AsNoTracking().ToDictionaryAsync(s => s.ProfileId, cancellationToken);
        foreach (var id in hidden)
        {
            followed.Remove(id);
        }

        var (entries, more) = await activity.ReadAsync(followed.Keys, actor.Viewer, before, PageSize, cancellationToken);
        var items = entries.Select(e =>
        {
            var person = followed[e.ProfileId];
            var i = e.Item;
            return new FeedItem(i.Kind, new PersonRef(person.Handle, person.DisplayName), i.TitleId, i.TitleName, i.Value, i.Body, i.Spoiler, i.CommentId, i.At);
        }).ToList();
        return TypedResults.Ok(new FeedPage(items, more && entries.Count > 0 ? ActivityReader.CursorOf(entries[^1]).Encode() : null));
    }
}
