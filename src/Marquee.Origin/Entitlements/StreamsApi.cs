using System.Security.Claims;
using Marquee.Origin.Accounts;
using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Marquee.Origin.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Entitlements;

/// <summary>
/// <c>/api/v1/streams</c>: start (entitlement check and a concurrent-stream lease), renew, stop. The playback
/// endpoint of the CDN issue builds on this; players renew with their progress heartbeat.
/// </summary>
public static class StreamsApi
{
    public sealed record StartRequest(string? TitleId);

    public sealed record StreamView(string LeaseId, DateTimeOffset ExpiresAt, int MaxHeight, int MaxStreams);

    public sealed record Renewed(DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapStreamsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/streams").WithTags("Playback").RequireAuthorization();
        group.MapPost("/", StartAsync);
        group.MapPost("/{leaseId}/renew", RenewAsync);
        group.MapDelete("/{leaseId}", StopAsync);
        return routes;
    }

    internal static async Task<Results<Created<StreamView>, ProblemHttpResult>> StartAsync(
        StartRequest body, ClaimsPrincipal principal, MarqueeDbContext db, UserManager<MarqueeUser> users, ProfileService profiles,
        EntitlementService entitlements, StreamLeases leases, CountryResolver countries, IOptions<AccountOptions> options, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Problem(statusCode: 401, title: "Sign in again", detail: "The account no longer exists.");
        }

        var title = string.IsNullOrEmpty(body.TitleId) || body.TitleId.Length > 100 ? null
            : await db.Titles.AsNoTracking().SingleOrDefaultAsync(t => t.Id == body.TitleId && t.Published && t.DeletedAtMs == null, cancellationToken);
        var ready = title is not null && await db.Assets.AnyAsync(a => a.Id == title.AssetId && a.Status == AssetStatus.Ready, cancellationToken);
        if (title is null || !ready)
        {
            return TypedResults.Problem(statusCode: 404, title: "Title not found", detail: "There is no playable title with this id.");
        }

        var profile = await profiles.CurrentAsync(principal, cancellationToken);
        var decision = await entitlements.CheckAsync(user, profile, title, countries.Resolve(httpContext), EntitlementAction.Watch, cancellationToken);
        if (!decision.Allowed)
        {
            if (decision.Status == 451)
            {
                // RFC 7725: no shared cache may repeat this answer to a viewer elsewhere.
                httpContext.Response.Headers.CacheControl = "private, no-store";
            }

            return TypedResults.Problem(statusCode: decision.Status, title: decision.Title, detail: decision.Detail);
        }

        var lease = await leases.AcquireAsync(user.Id, profile.Id, title.Id, decision.MaxStreams, options.Value.StreamLeaseTime, cancellationToken);
        if (lease is null)
        {
            return TypedResults.Problem(statusCode: 429, title: "Too many streams",
                detail: $"Your plan allows {decision.MaxStreams} stream(s) at once and all are in use. Stop playback on another device, or change plan.");
        }

        return TypedResults.Created($"/api/v1/streams/{lease.LeaseId}",
            new StreamView(lease.LeaseId, DateTimeOffset.FromUnixTimeMilliseconds(lease.ExpiresAtMs), decision.MaxHeight, decision.MaxStreams));
    }

    internal static async Task<Results<Ok<Renewed>, ProblemHttpResult>> RenewAsync(
        string leaseId, ClaimsPrincipal principal, UserManager<MarqueeUser> users, StreamLeases leases, IOptions<AccountOptions> options, CancellationToken cancellationToken)
    {
        var expires = leaseId.Length > 32 ? null
            : await leases.RenewAsync(users.GetUserId(principal) ?? "", leaseId, options.Value.StreamLeaseTime, cancellationToken);
        return expires is { } at
            ? TypedResults.Ok(new Renewed(at))
            : TypedResults.Problem(statusCode: 404, title: "Stream not found", detail: "This stream has ended or lapsed; start playback again.");
    }

    internal static async Task<NoContent> StopAsync(string leaseId, ClaimsPrincipal principal, UserManager<MarqueeUser> users, StreamLeases leases, CancellationToken cancellationToken)
    {
        if (leaseId.Length <= 32)
        {
            await leases.ReleaseAsync(users.GetUserId(principal) ?? "", leaseId, cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
