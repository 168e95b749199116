using Marquee.Origin.Accounts;
using Marquee.Origin.Data;
using Marquee.Origin.Entitlements;
using Marquee.Origin.Playback;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Parties;

/// <summary>
/// Whether one member may watch what the party plays, by the rules of playback (licence where they are, plan,
/// profile maturity). A refusal carries the member's own sentence and a shorter one for the others that names no
/// country, plan or profile. The stream lease is the member's own: taken when its player starts, like any playback.
/// </summary>
internal sealed class PartyAccess(MarqueeDbContext db, EntitlementService entitlements)
{
    public async Task<PartyRefusal?> CheckAsync(MarqueeUser user, Profile profile, Playable playable, string? country, CancellationToken cancellationToken)
    {
        var decision = await entitlements.CheckAsync(user, profile, playable.Title, country, EntitlementAction.Watch, cancellationToken);
        if (decision.Allowed)
        {
            return null;
        }

        return decision.Status switch
        {
            451 => new PartyRefusal(451, decision.Title, country is null
                ? "We could not tell which country you are in, and this title is only licensed in some countries."
                : $"This title is not licensed in your country ({country}) at the moment.", "not available in their region"),
            _ when decision.Title.Contains("profile", StringComparison.Ordinal) => new PartyRefusal(decision.Status, decision.Title, decision.Detail, "not allowed on their profile"),
            _ => new PartyRefusal(decision.Status, decision.Title, decision.Detail, "not included in their plan"),
        };
    }

    /// <summary>The same check for a member known only by its row (a title change), with the country it joined from.</summary>
    public async Task<PartyRefusal?> CheckAsync(PartyMember member, Playable playable, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == member.UserId, cancellationToken);
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.Id == member.ProfileId, cancellationToken);
        return user is null || profile is null
            ? new PartyRefusal(404, "Gone", "The account or profile no longer exists.", "no longer here")
            : await CheckAsync(user, profile, playable, member.Country, cancellationToken);
    }
}

/// <summary>Why a member may not watch: <see cref="Detail"/> for them, <see cref="ForOthers"/> for the rest of the party.</summary>
internal sealed record PartyRefusal(int Status, string Title, string Detail, string ForOthers);
