using System.Security.Claims;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Entitlements;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Accounts;

/// <summary>
/// <c>/api/v1/account/sessions</c>: the account's sign-ins (browsers and apps) with the streams playing now, and
/// revoking one sign-in, which ends it on its next request.
/// </summary>
public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/account/sessions").WithTags("Accounts").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapDelete("/{id}", RevokeAsync);
        return routes;
    }

    internal static async Task<Ok<SessionsPage>> ListAsync(
        ClaimsPrincipal principal, UserManager<MarqueeUser> users, UserSessions sessions, StreamLeases leases, MarqueeDbContext db, HttpContext http,
        CancellationToken cancellationToken)
    {
        CatalogResponses.Private(http);
        var userId = users.GetUserId(principal)!;
        var current = principal.FindFirstValue(TokenService.SessionClaim);
        var signIns = (await sessions.ListAsync(userId, cancellationToken)).Select(s => new SessionView(
            s.Id, s.Kind, DeviceName.From(s.UserAgent), s.Address,
            DateTimeOffset.FromUnixTimeMilliseconds(s.CreatedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(s.LastSeenAtMs), s.Id == current)).ToList();

        var live = await leases.ListLiveAsync(userId, cancellationToken);
        var profileIds = live.Select(l => l.ProfileId).Distinct().ToList();
        var titleIds = live.Select(l => l.TitleId).Distinct().ToList();
        var profileNames = await db.Profiles.AsNoTracking().Where(p => profileIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var titleNames = await db.Titles.AsNoTracking().Where(t => titleIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var streams = live.Select(l => new LiveStreamView(
            l.LeaseId, profileNames.GetValueOrDefault(l.ProfileId, ""), l.TitleId, titleNames.GetValueOrDefault(l.TitleId, ""),
            DateTimeOffset.FromUnixTimeMilliseconds(l.ExpiresAtMs))).ToList();
        return TypedResults.Ok(new SessionsPage(signIns, streams));
    }

    /// <summary>Another account's session is simply not found.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, ClaimsPrincipal principal, UserManager<MarqueeUser> users, UserSessions sessions, CancellationToken cancellationToken)
    {
        return await sessions.RevokeAsync(users.GetUserId(principal)!, id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Session not found", detail: "This account has no sign-in with this id.");
    }
}
