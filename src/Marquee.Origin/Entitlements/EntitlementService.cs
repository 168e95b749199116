using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Data;
using Marquee.Origin.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Entitlements;

/// <summary>
/// The one place the rules live: licence for the viewer's country, profile maturity, plan tier, downloads. Every
/// feature (playback, downloads, browse) asks here and applies the limits it returns; nothing re-implements them.
/// </summary>
public sealed class EntitlementService(MarqueeDbContext db, TimeProvider clock, IOptions<GeoOptions> geo)
{
    /// <param name="country">ISO 3166-1 alpha-2 of the viewer, or null when unknown (then only worldwide licences count, unless Geo:AllowUnknownCountry).</param>
    public async Task<EntitlementDecision> CheckAsync(MarqueeUser user, Profile profile, Title title, string? country, EntitlementAction action, CancellationToken cancellationToken)
    {
        var licences = await db.Licences.AsNoTracking().Where(l => l.TitleId == title.Id).ToListAsync(cancellationToken);
        var tier = title.Published && title.DeletedAtMs is null
            ? LicenceRules.ActiveTier(licences, country, clock.GetUtcNow().ToUnixTimeMilliseconds(), geo.Value.AllowUnknownCountry)
            : null;
        if (tier is null)
        {
            return EntitlementDecision.Refuse(451, "Not available in your region",
                "This title is not licensed where you are at the moment. Licensing differs from country to country.");
        }

        if (title.MaturityRating > profile.MaturityLimit)
        {
            return EntitlementDecision.Refuse(403, "Not available on this profile",
                $"This title is rated {title.MaturityRating}+; the profile '{profile.Name}' is limited to {profile.MaturityLimit}+.");
        }

        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == user.PlanId, cancellationToken)
            ?? await db.Plans.AsNoTracking().SingleAsync(p => p.Id == "free", cancellationToken);
        if (!plan.FullCatalog && tier != LicenceTier.Free)
        {
            return EntitlementDecision.Refuse(403, "Not included in your plan",
                $"The {plan.Name} plan includes free titles only; change plan to watch this one.");
        }

        if (action == EntitlementAction.Download && plan.DownloadDevices == 0)
        {
            return EntitlementDecision.Refuse(403, "Downloads are not included in your plan",
                $"The {plan.Name} plan does not include downloads; change plan to watch offline.");
        }

        return new EntitlementDecision(true, 200, "Allowed", "", plan.MaxHeight, plan.MaxStreams, plan.DownloadDevices);
    }
}
