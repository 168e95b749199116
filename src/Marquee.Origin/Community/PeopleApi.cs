using Marquee.Origin.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Community;

/// <summary>
/// People: a person's public page, and following, blocking and muting by handle. A block is mutual invisibility: each
/// stops seeing the other's words and page, and follows between them end.
/// </summary>
public static class PeopleApi
{
    private const int ActivityShown = 20;

    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder social)
    {
        social.MapGet("/people/{handle}", PersonAsync);
        social.MapPut("/following/{handle}", (string handle, SocialGate gate, PersonLinks links, HttpContext http, CancellationToken ct) => links.LinkAsync(handle, LinkKind.Follow, gate, http, ct));
        social.MapDelete("/following/{handle}", (string handle, SocialGate gate, PersonLinks links, HttpContext http, CancellationToken ct) => links.UnlinkAsync(handle, LinkKind.Follow, gate, http, ct));
        social.MapPut("/blocks/{handle}", (string handle, SocialGate gate, PersonLinks links, HttpContext http, CancellationToken ct) => links.LinkAsync(handle, LinkKind.Block, gate, http, ct));
        social.MapDelete("/blocks/{handle}", (string handle, SocialGate gate, PersonLinks links, HttpContext http, CancellationToken ct) => links.UnlinkAsync(handle, LinkKind.Block, gate, http, ct));
        social.MapPut("/mutes/{handle}", (string handle, SocialGate gate, PersonLinks links, HttpContext http, CancellationToken ct) => links.LinkAsync(handle, LinkKind.Mute, gate, http, ct));
        social.MapDelete("/mutes/{handle}", (string handle, SocialGate gate, PersonLinks links, HttpContext http, CancellationToken ct) => links.UnlinkAsync(handle, LinkKind.Mute, gate, http, ct));
        social.MapGet("/following", (SocialGate gate, PersonLinks links, HttpContext http, CancellationToken ct) => links.ListAsync(LinkKind.Follow, outgoing: true, gate, http, ct));
        social.MapGet("/followers", (SocialGate gate, PersonLinks links, HttpContext http, CancellationToken ct) => links.ListAsync(LinkKind.Follow, outgoing: false, gate, http, ct));
        social.MapGet("/blocks", (SocialGate gate, PersonLinks links, HttpContext http, CancellationToken ct) => links.ListAsync(LinkKind.Block, outgoing: true, gate, http, ct));
        social.MapGet("/mutes", (SocialGate gate, PersonLinks links, HttpContext http, CancellationToken ct) => links.ListAsync(LinkKind.Mute, outgoing: true, gate, http, ct));
        return social;
    }

    internal static async Task<Results<Ok<PersonView>, ProblemHttpResult>> PersonAsync(
        string handle, SocialGate gate, MarqueeDbContext db, ActivityReader activity, HttpContext http, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await gate.EnterAsync(http, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        if (await PersonLinks.FindAsync(db, handle, cancellationToken) is not { } person)
        {
            return SocialProblems.PersonNotFound();
        }

        var me = actor.ProfileId;
        var links = await db.PersonLinks.AsNoTracking()
            .Where(l => (l.FromProfileId == me && l.ToProfileId == person.ProfileId) || (l.FromProfileId == person.ProfileId && l.ToProfileId == me))
            .ToListAsync(cancellationToken);
        if (links.Any(l => l.FromProfileId == person.ProfileId && l.Kind == LinkKind.Block))
        {
            return SocialProblems.PersonNotFound();
        }

        bool Mine(LinkKind kind) => links.Any(l => l.FromProfileId == me && l.Kind == kind);
        var blocked = Mine(LinkKind.Block);
        var entries = person.ShareActivity && !blocked
            ? (await activity.ReadAsync([person.ProfileId], actor.Viewer, null, ActivityShown, cancellationToken)).Entries.Select(e => e.Item).ToList()
            : [];
        var followers = await db.PersonLinks.CountAsync(l => l.ToProfileId == person.ProfileId && l.Kind == LinkKind.Follow, cancellationToken);
        var following = await db.PersonLinks.CountAsync(l => l.FromProfileId == person.ProfileId && l.Kind == LinkKind.Follow, cancellationToken);
        return TypedResults.Ok(new PersonView(person.Handle, person.DisplayName, person.Bio, followers, following,
            Mine(LinkKind.Follow), blocked, Mine(LinkKind.Mute), person.ProfileId == me, person.ShareActivity, entries));
    }
}

/// <summary>Follows, blocks and mutes, each rate limited as an action.</summary>
internal sealed class PersonLinks(MarqueeDbContext db, SocialLimiter limiter, IOptions<CommunityOptions> options, TimeProvider clock)
{
    public static Task<SocialProfile?> FindAsync(MarqueeDbContext db, string handle, CancellationToken cancellationToken)
    {
        if (!SocialRules.LooksLikeHandle(handle))
        {
            return Task.FromResult<SocialProfile?>(null);
        }

        var key = SocialRules.Key(handle);
        return db.SocialProfiles.AsNoTracking().SingleOrDefaultAsync(s => s.HandleKey == key, cancellationToken);
    }

    public async Task<Results<NoContent, ProblemHttpResult>> LinkAsync(string handle, LinkKind kind, SocialGate gate, HttpContext http, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await gate.EnterAsync(http, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        if (await FindAsync(db, handle, cancellationToken) is not { } person)
        {
            return SocialProblems.PersonNotFound();
        }

        if (person.ProfileId == actor.ProfileId)
        {
            return SocialProblems.Self(kind switch { LinkKind.Follow => "follow", LinkKind.Block => "block", _ => "mute" });
        }

        if (kind == LinkKind.Follow && await new Relations(db).BlockedAsync(actor.ProfileId, person.ProfileId, cancellationToken))
        {
            return SocialProblems.PersonNotFound();
        }

        if (await limiter.TryAcquireAsync("action:" + actor.UserId, options.Value.ActionsPerMinute) is { } wait)
        {
            return SocialLimits.TooMany(http, wait, "follow, block and report");
        }

        if (!await db.PersonLinks.AnyAsync(l => l.FromProfileId == actor.ProfileId && l.ToProfileId == person.ProfileId && l.Kind == kind, cancellationToken))
        {
            db.PersonLinks.Add(new PersonLink { FromProfileId = actor.ProfileId, ToProfileId = person.ProfileId, Kind = kind, CreatedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same link made a moment ago by another request: it exists, which is what was asked.
                db.ChangeTracker.Clear();
            }
        }

        if (kind == LinkKind.Block)
        {
            await db.PersonLinks.Where(l => l.Kind == LinkKind.Follow
                    && ((l.FromProfileId == actor.ProfileId && l.ToProfileId == person.ProfileId) || (l.FromProfileId == person.ProfileId && l.ToProfileId == actor.ProfileId)))
                .ExecuteDeleteAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    public async Task<Results<NoContent, ProblemHttpResult>> UnlinkAsync(string handle, LinkKind kind, SocialGate gate, HttpContext http, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await gate.EnterAsync(http, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        if (await FindAsync(db, handle, cancellationToken) is { } person)
        {
            await db.PersonLinks.Where(l => l.FromProfileId == actor.ProfileId && l.ToProfileId == person.ProfileId && l.Kind == kind).ExecuteDeleteAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    public async Task<Results<Ok<PeoplePage>, ProblemHttpResult>> ListAsync(LinkKind kind, bool outgoing, SocialGate gate, HttpContext http, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await gate.EnterAsync(http, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        var me = actor.ProfileId;
        var others = outgoing
            ? db.PersonLinks.Where(l => l.FromProfileId == me && l.Kind == kind).Select(l => new { Id = l.ToProfileId, l.CreatedAtMs })
            : db.PersonLinks.Where(l => l.ToProfileId == me && l.Kind == kind).Select(l => new { Id = l.FromProfileId, l.CreatedAtMs });
        var people = await others.Join(db.SocialProfiles, o => o.Id, s => s.ProfileId, (o, s) => new { s.Handle, s.DisplayName, o.CreatedAtMs })
            .OrderByDescending(p => p.CreatedAtMs).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PeoplePage(people.Select(p => new PersonRef(p.Handle, p.DisplayName)).ToList()));
    }
}
