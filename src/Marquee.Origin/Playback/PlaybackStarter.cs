using System.Security.Claims;
using Marquee.Edge.Tokens;
using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Entitlements;
using Marquee.Origin.Progress;
using Marquee.Origin.Regions;
using Marquee.Origin.Steering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Playback;

/// <summary>
/// Starts a playback: entitlement (plan, profile, licence where the viewer is now), a concurrent-stream lease, a
/// token for the asset's objects, and the places to fetch them from, best first. The API's
/// <c>POST /api/v1/playback/{id}</c> and the player page's bootstrap (the app page at <c>/watch/{id}</c>) both ask here.
/// </summary>
internal sealed class PlaybackStarter(
    MarqueeDbContext db, UserManager<MarqueeUser> users, ProfileService profiles, EntitlementService entitlements, StreamLeases leases,
    CountryResolver countries, MediaRoutes routes, WatchProgressService progress, IOptions<AccountOptions> accounts, TimeProvider clock)
{
    public async Task<PlaybackOutcome> StartAsync(string id, ClaimsPrincipal principal, HttpContext http, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return PlaybackOutcome.Refused(401, "Sign in again", "The account no longer exists.");
        }

        var playable = await Playable.FindAsync(db, id, cancellationToken);
        if (playable is null)
        {
            return PlaybackOutcome.Refused(404, "Nothing to play", $"There is no playable title or episode with the id '{CatalogResponses.Truncate(id)}'.");
        }

        var profile = await profiles.CurrentAsync(principal, cancellationToken);
        var country = countries.Resolve(http);
        var decision = await entitlements.CheckAsync(user, profile, playable.Title, country, EntitlementAction.Watch, cancellationToken);
        if (!decision.Allowed)
        {
            return decision.Status == StatusCodes.Status451UnavailableForLegalReasons
                ? PlaybackOutcome.Unlicensed(country)
                : PlaybackOutcome.Refused(decision.Status, decision.Title, decision.Detail);
        }

        var lease = await leases.AcquireAsync(user.Id, profile.Id, playable.Title.Id, decision.MaxStreams, accounts.Value.StreamLeaseTime, cancellationToken);
        if (lease is null)
        {
            return PlaybackOutcome.Refused(429, "Too many streams",
                $"Your plan allows {decision.MaxStreams} stream(s) at once and all are in use. Stop playback on another device, or change plan.");
        }

        var route = await routes.ForAsync(http, country, playable.Asset.Id, playable.PathPrefix, lease.LeaseId, decision.MaxHeight, download: false, cancellationToken);
        var now = clock.GetUtcNow();
        db.PlaybackStarts.Add(new PlaybackStart { AssetId = playable.Asset.Id, Version = playable.Asset.PublishedVersion, Region = route.ViewerRegion ?? "", AtMs = now.ToUnixTimeMilliseconds(),
            ProfileId = profile.Id, TitleId = playable.Title.Id });
        await db.SaveChangesAsync(cancellationToken);

        var resumeAt = await progress.ResumeAtAsync(profile.Id, id, cancellationToken);
        return PlaybackOutcome.Granted(new PlaybackView(
            route.Url(Media.Transcoding.OutputLayout.HlsMultivariant),
            route.Url(Media.Transcoding.OutputLayout.Dash),
            [.. route.Pathways.Select(p => p.BaseUrl)],
            route.Pathways,
            route.Token,
            route.Claims.ExpiresAt,
            lease.LeaseId,
            DateTimeOffset.FromUnixTimeMilliseconds(lease.ExpiresAtMs),
            decision.MaxHeight,
            resumeAt));
    }
}
