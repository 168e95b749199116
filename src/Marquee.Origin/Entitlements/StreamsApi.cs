using System.Security.Claims;
using Marquee.Origin.Accounts;
using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Marquee.Origin.Progress;
using Marquee.Origin.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
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

    /// <summary>
    /// The player's heartbeat: extends the lease and, when the body carries the position, saves it for the lease's
    /// profile. The body is optional, so a bare renewal works as before; a page being closed sends its last position
    /// with <c>fetch(…, {keepalive: true})</c>, with the cookie and antiforgery header like any other request.
    /// </summary>
    internal static async Task<Results<Ok<Renewed>, ValidationProblem, ProblemHttpResult>> RenewAsync(
        string leaseId, ProgressReport? body, ClaimsPrincipal principal, UserManager<MarqueeUser> users, StreamLeases leases, WatchProgressService progress,
        IOptions<AccountOptions> options, CancellationToken cancellationToken)
    {
        if (body is not null && WatchProgressService.Validate(body) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = users.GetUserId(principal) ?? "";
        StreamLease? lease = null;
        if (body is not null && leaseId.Length <= 32)
        {
            lease = await leases.FindLiveAsync(userId, leaseId, cancellationToken);
            if (lease is null)
            {
                return LeaseNotFound();
            }

            // The lease names the movie or, for an episode, its series: the report must be about that title.
            if (!await progress.BelongsToAsync(body.PlaybackId!, lease.TitleId, cancellationToken))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["playbackId"] = ["playbackId must be the movie this stream plays, or an episode of its series."],
                });
            }
        }

        var expires = leaseId.Length > 32 ? null : await leases.RenewAsync(userId, leaseId, options.Value.StreamLeaseTime, cancellationToken);
        if (expires is not { } at)
        {
            return LeaseNotFound();
        }

        if (lease is not null)
        {
            await progress.SaveAsync(lease, body!, cancellationToken);
        }

        return TypedResults.Ok(new Renewed(at));
    }

    private static ProblemHttpResult LeaseNotFound() =>
        TypedResults.Problem(statusCode: 404, title: "Stream not found", detail: "This stream has ended or lapsed; start playback again.");

    /// <summary>
    /// Ends a stream. The player may send its last position with it (the same body as the heartbeat), so closing a
    /// page is one request that both saves progress and frees the slot: two requests sent from a closing page may
    /// arrive in either order. Ending an unknown or lapsed stream is not an error.
    /// </summary>
    internal static async Task<Results<NoContent, ValidationProblem>> StopAsync(
        string leaseId, [FromBody] ProgressReport? body, ClaimsPrincipal principal, UserManager<MarqueeUser> users, StreamLeases leases, WatchProgressService progress,
        CancellationToken cancellationToken)
    {
        if (body is not null && WatchProgressService.Validate(body) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = users.GetUserId(principal) ?? "";
        if (leaseId.Length <= 32)
        {
            if (body is not null && await leases.FindLiveAsync(userId, leaseId, cancellationToken) is { } lease
                && await progress.BelongsToAsync(body.PlaybackId!, lease.TitleId, cancellationToken))
            {
                await progress.SaveAsync(lease, body, cancellationToken);
            }

            await leases.ReleaseAsync(userId, leaseId, cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
