using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Community;

/// <summary>
/// <c>GET /api/v1/people/similar</c>: people whose thumbs and completions agree with yours, between profiles that both
/// opted in. Opting out takes effect at once: every answer re-checks the switch of the people it names.
/// </summary>
public static class MatchingApi
{
    private const int Shown = 20;

    public static RouteGroupBuilder MapMatchingApi(this RouteGroupBuilder social)
    {
        social.MapGet("/people/similar", SimilarAsync);
        return social;
    }

    internal static async Task<Results<Ok<SimilarPeoplePage>, ProblemHttpResult>> SimilarAsync(
        SocialGate gate, TasteIndex index, TasteReader reader, MarqueeDbContext db, CatalogIndex catalog, IOptions<CommunityOptions> options,
        HttpContext http, CancellationToken cancellationToken)
    {
        var (actor, refusal) = await gate.EnterAsync(http, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        if (actor.Face is not { TasteMatching: true })
        {
            return TypedResults.Ok(new SimilarPeoplePage(false, []));
        }

        var mine = await reader.OfAsync(actor.ProfileId, cancellationToken);
        var hidden = await new Relations(db).HiddenFromAsync(actor.ProfileId, cancellationToken);
        var matches = index.Find(actor.ProfileId, mine, options.Value.MinimumOverlap, Shown * 2 + hidden.Count)
            .Where(m => !hidden.Contains(m.ProfileId)).ToList();
        var ids = matches.Select(m => m.ProfileId).ToList();
        var faces = await db.SocialProfiles.AsNoTracking().Where(s => ids.Contains(s.ProfileId) && s.TasteMatching)
            .ToDictionaryAsync(s => s.ProfileId, cancellationToken);
        var following = (await db.PersonLinks.Where(l => l.FromProfileId == actor.ProfileId && l.Kind == LinkKind.Follow && ids.Contains(l.ToProfileId))
            .Select(l => l.ToProfileId).ToListAsync(cancellationToken)).ToHashSet();
        var people = new List<SimilarPerson>();
        foreach (var m in matches)
        {
            if (faces.TryGetValue(m.ProfileId, out var face) && people.Count < Shown)
            {
                var shared = index.Shared(mine, m.ProfileId).Where(t => TitleTargets.Visible(t, actor.Viewer, catalog)).Take(3)
                    .Select(t => new SharedTitle(t, catalog.Find(t)!.Name)).ToList();
                people.Add(new SimilarPerson(face.Handle, face.DisplayName, m.Score, shared, following.Contains(m.ProfileId)));
            }
        }

        return TypedResults.Ok(new SimilarPeoplePage(true, people));
    }
}
