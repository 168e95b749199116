using System.Security.Claims;
using Marquee.Origin.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Marquee.Origin.Playback;

/// <summary>
/// <c>POST /api/v1/playback/{titleOrEpisodeId}</c>: entitlement (plan, profile, licence where the viewer is now),
/// a concurrent-stream lease, a token for the asset's objects, and the places to fetch them from, best first
/// (decided by <see cref="PlaybackStarter"/>).
/// </summary>
public static class PlaybackApi
{
    public static IEndpointRouteBuilder MapPlaybackApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/playback/{id}", StartAsync).WithTags("Playback").RequireAuthorization();
        return routes;
    }

    internal static async Task<Results<Ok<PlaybackView>, ProblemHttpResult>> StartAsync(
        string id, ClaimsPrincipal principal, HttpContext http, PlaybackStarter starter, CancellationToken cancellationToken)
    {
        CatalogResponses.Private(http);
        var outcome = await starter.StartAsync(id, principal, http, cancellationToken);
        return outcome switch
        {
            { View: { } view } => TypedResults.Ok(view),
            { Status: StatusCodes.Status451UnavailableForLegalReasons } => CatalogResponses.Unavailable(http, outcome.Country),
            _ => TypedResults.Problem(statusCode: outcome.Status, title: outcome.Title, detail: outcome.Detail),
        };
    }
}
