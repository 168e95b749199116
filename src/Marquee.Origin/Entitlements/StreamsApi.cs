using System.Security.Claims;
using Marquee.Origin.Accounts;
using Marquee.Origin.Progress;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Entitlements;

/// <summary>
/// <c>/api/v1/streams/{leaseId}</c>: renew and stop the concurrent-stream lease that <c>POST /api/v1/playback/{id}</c>
/// took. There is no way to take a lease alone: a lease without a playback token plays nothing, so every player,
/// ours or a third party's, starts with the playback endpoint and renews here with its progress heartbeat.
/// </summary>
public static class StreamsApi
{
    public sealed record Renewed(DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapStreamsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/streams").WithTags("Playback").RequireAuthorization();
        group.MapPost("/{leaseId}/renew", RenewAsync);
        group.MapDelete("/{leaseId}", StopAsync);
        return routes;
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
