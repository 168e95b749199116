using System.Security.Claims;
using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Marquee.Origin.Progress;

/// <summary>
/// <c>/api/v1/progress</c>: the current profile's saved positions. They are written by the player's heartbeat
/// (<c>POST /api/v1/streams/{leaseId}/renew</c> with a <see cref="ProgressReport"/>), read here per title, and
/// removed here to take a title out of "Continue watching".
/// </summary>
public static class ProgressApi
{
    public static IEndpointRouteBuilder MapProgressApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/progress").WithTags("Progress").RequireAuthorization();
        group.MapGet("/{titleId}", ForTitleAsync);
        group.MapDelete("/{playbackId}", RemoveAsync);
        return routes;
    }

    /// <summary>An unknown title simply has no progress: the answer never tells whether a title exists.</summary>
    internal static async Task<Ok<ProgressPage>> ForTitleAsync(
        string titleId, ClaimsPrincipal principal, ProfileService profiles, WatchProgressService progress, HttpContext http, CancellationToken cancellationToken)
    {
        CatalogResponses.Private(http);
        if (titleId.Length > WatchProgressService.MaxPlaybackIdLength)
        {
            return TypedResults.Ok(new ProgressPage([]));
        }

        var profile = await profiles.CurrentAsync(principal, cancellationToken);
        var items = await progress.ForTitleAsync(profile.Id, titleId, cancellationToken);
        return TypedResults.Ok(new ProgressPage([.. items.Select(ProgressItemView.From)]));
    }

    /// <summary>A movie's or an episode's id removes that progress; a series' id removes all of its episodes'.</summary>
    internal static async Task<NoContent> RemoveAsync(
        string playbackId, ClaimsPrincipal principal, ProfileService profiles, WatchProgressService progress, CancellationToken cancellationToken)
    {
        if (playbackId.Length <= WatchProgressService.MaxPlaybackIdLength)
        {
            var profile = await profiles.CurrentAsync(principal, cancellationToken);
            await progress.RemoveAsync(profile.Id, playbackId, cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
