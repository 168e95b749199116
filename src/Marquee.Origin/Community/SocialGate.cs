using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <summary>The door of every social endpoint: a signed-in adult profile gets in as a <see cref="SocialActor"/>; a kids profile is refused.</summary>
internal sealed class SocialGate(ViewerResolver viewers, MarqueeDbContext db)
{
    public async Task<(SocialActor? Actor, ProblemHttpResult? Refusal)> EnterAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var (viewer, profile) = await viewers.ResolveAsync(http, cancellationToken);
        if (profile is null)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in", detail: "Sign in to take part."));
        }

        if (IsKids(profile))
        {
            return (null, SocialProblems.Kids());
        }

        var face = await db.SocialProfiles.AsNoTracking().SingleOrDefaultAsync(s => s.ProfileId == profile.Id, cancellationToken);
        CatalogResponses.Private(http);
        return (new SocialActor(viewer, profile, face, http.User.IsInRole(Roles.Admin)), null);
    }

    /// <summary>The same rule as the profiles API's "kids": any limit below adult.</summary>
    public static bool IsKids(Profile profile) => profile.MaturityLimit < 18;
}
