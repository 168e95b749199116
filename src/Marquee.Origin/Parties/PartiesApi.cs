using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Playback;
using Marquee.Origin.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Parties;

/// <summary>
/// Watch parties over HTTP: start one (<c>POST /api/v1/parties</c>), look at one through its invite (<c>GET</c>, which
/// says whether the caller may watch it and why not), and end one (<c>DELETE</c>, the host). Everything live happens
/// on <see cref="PartyHub"/>.
/// </summary>
public static class PartiesApi
{
    public static IEndpointRouteBuilder MapPartiesApi(this IEndpointRouteBuilder routes)
    {
        var parties = routes.MapGroup("/api/v1/parties").WithTags("Parties").RequireAuthorization();
        parties.MapPost("", CreateAsync);
        parties.MapGet("/{id}", GetAsync);
        parties.MapDelete("/{id}", EndAsync);
        return routes;
    }

    internal static async Task<Results<Created<PartyView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreatePartyRequest? request, HttpContext http, MarqueeDbContext db, UserManager<MarqueeUser> users, ProfileService profiles, CountryResolver countries,
        PartyAccess access, PartyMembership membership, PartyReader reader, Community.SocialLimiter limiter, IOptions<PartyOptions> options, CancellationToken cancellationToken)
    {
        CatalogResponses.Private(http);
        var playableId = request?.PlayableId?.Trim();
        if (string.IsNullOrEmpty(playableId) || playableId.Length > 32)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["playableId"] = ["The id of the movie or episode to watch together is required."] });
        }

        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return TypedResults.Problem(statusCode: 401, title: "Sign in again", detail: "The account no longer exists.");
        }

        var profile = await profiles.CurrentAsync(http.User, cancellationToken);
        if (await limiter.TryAcquireAsync("party-start:" + profile.Id, options.Value.StartsPerMinute) is { } wait)
        {
            return Community.SocialLimits.TooMany(http, wait, "watch party");
        }

        var playable = await Playable.FindAsync(db, playableId, cancellationToken);
        if (playable is null)
        {
            var series = await db.Titles.AsNoTracking().AnyAsync(t => t.Id == playableId && t.Kind == TitleKind.Series && t.Published && t.DeletedAtMs == null, cancellationToken);
            return series
                ? TypedResults.Problem(statusCode: 400, title: "Choose an episode", detail: "A series is watched together one episode at a time; start the party from an episode.")
                : TypedResults.Problem(statusCode: 404, title: "Nothing to play", detail: $"There is no playable title or episode with the id '{CatalogResponses.Truncate(playableId)}'.");
        }

        var country = countries.Resolve(http);
        if (await access.CheckAsync(user, profile, playable, country, cancellationToken) is { } refusal)
        {
            return refusal.Status == StatusCodes.Status451UnavailableForLegalReasons
                ? CatalogResponses.Unavailable(http, country)
                : TypedResults.Problem(statusCode: refusal.Status, title: refusal.Title, detail: refusal.Detail);
        }

        var party = await membership.CreateAsync(user, profile, playable, playableId, country, cancellationToken);
        var view = await reader.ViewAsync(party, null, cancellationToken);
        var hostMember = view.Members.Single(m => m.Host).MemberId;
        return TypedResults.Created($"/api/v1/parties/{party.Id}", view with { You = new PartyYouView(hostMember, true, 200, null, null) });
    }

    internal static async Task<Results<Ok<PartyView>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, MarqueeDbContext db, UserManager<MarqueeUser> users, ProfileService profiles, CountryResolver countries,
        PartyAccess access, PartyReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        CatalogResponses.Private(http);
        var party = PartyIds.IsValid(id) ? await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
        if (Gone(party, clock) is { } gone)
        {
            return gone;
        }

        var user = await users.GetUserAsync(http.User);
        var profile = await profiles.CurrentAsync(http.User, cancellationToken);
        var playable = await Playable.FindAsync(db, party!.PlayableId, cancellationToken);
        var refusal = user is null || playable is null
            ? new PartyRefusal(404, "Nothing to play", "What this party was playing is no longer available.", "")
            : await access.CheckAsync(user, profile, playable, countries.Resolve(http), cancellationToken);
        var memberId = await db.PartyMembers.AsNoTracking().Where(m => m.PartyId == id && m.ProfileId == profile.Id && m.LeftAtMs == null)
            .Select(m => m.MemberId).SingleOrDefaultAsync(cancellationToken);
        var you = refusal is null
            ? new PartyYouView(memberId, true, 200, null, null)
            : new PartyYouView(memberId, false, refusal.Status, refusal.Title, refusal.Detail);
        return TypedResults.Ok(await reader.ViewAsync(party, you, cancellationToken));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> EndAsync(
        string id, HttpContext http, MarqueeDbContext db, ProfileService profiles, PartyHostActions host, TimeProvider clock, CancellationToken cancellationToken)
    {
        var party = PartyIds.IsValid(id) ? await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
        if (Gone(party, clock) is { } gone)
        {
            return gone;
        }

        var profile = await profiles.CurrentAsync(http.User, cancellationToken);
        if (party!.HostProfileId != profile.Id)
        {
            return TypedResults.Problem(statusCode: 403, title: "Not your party", detail: "Only the host can end the party; leave it instead.");
        }

        await host.EndAsync(id, "The host ended the party.", cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult? Gone(Party? party, TimeProvider clock) => party switch
    {
        null => TypedResults.Problem(statusCode: 404, title: "Party not found", detail: "There is no party behind this invite."),
        _ when party.IsOver(clock.GetUtcNow().ToUnixTimeMilliseconds()) =>
            TypedResults.Problem(statusCode: 410, title: "This party is over", detail: "The party has ended or its invite has expired."),
        _ => null,
    };
}
