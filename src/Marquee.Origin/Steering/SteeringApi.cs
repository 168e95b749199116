using Marquee.Edge.Tokens;
using Marquee.Origin.Playback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Steering;

/// <summary>
/// HLS Content Steering (the steering server of RFC 8216bis §7): <c>GET /api/v1/steering/{session}/{pathway}</c>
/// answers the pathway order for this viewer as of now, from live heartbeats, so a player moves off an edge that
/// stopped answering or fell out of rotation. The multivariant playlist lists one pathway (the edge that served
/// it, <c>{pathway}</c>); every other place is a clone of it with whole URIs per variant, so no edge needs to know
/// the others. The token in the query proves the session; its regions bound which edges may be offered.
/// </summary>
public static partial class SteeringApi
{
    public static IEndpointRouteBuilder MapSteeringApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(SteeringTargets.Path + "{session}/{pathway}", GetAsync).WithTags("Playback");
        return routes;
    }

    internal static async Task<IResult> GetAsync(
        string session, string pathway, string? token, HttpContext http, PlaybackKeys keys, EdgeDirectory directory, SteeringRanker ranker,
        SteeringTargets targets, PackageVariants package, IOptions<SteeringOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.AccessControlAllowOrigin = "*";
        if (http.Request.Query["token"].Count > 1)
        {
            return TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: "The query parameter 'token' appears more than once.");
        }

        // The pathway is echoed into the manifest and its reload address: only a pathway id (an edge id, or "origin").
        if (!PathwayId().IsMatch(pathway))
        {
            return TypedResults.Problem(statusCode: 400, title: "Unknown pathway", detail: "A pathway id is 1–32 lower-case letters, digits or '-'.");
        }

        // Any genuine, unexpired token of the session: the steering server is not an object under the asset's prefix.
        var check = PlaybackToken.Open(token, keys.Ring(), clock.GetUtcNow());
        if (!check.Allowed || check.Claims!.Session != session)
        {
            return TypedResults.Problem(statusCode: check.Allowed ? 403 : check.Status, title: "Forbidden",
                detail: check.Allowed ? "The playback token belongs to another session." : check.Reason);
        }

        var claims = check.Claims;
        var assetId = claims.PathPrefix.Split('/')[2];
        var allowed = (await directory.CurrentAsync(cancellationToken)).Where(e => claims.AllowsRegion(e.Region)).ToList();
        var pathways = Pathways.From(ranker.Rank(allowed, claims.Regions[0], assetId), targets.OriginBase(http));
        var (variants, renditions) = await package.ForAsync(claims.PathPrefix, cancellationToken);
        var clones = pathways.Where(p => p.Id != pathway).Select(p => new PathwayClone(pathway, p.Id, new UriReplacement(
            new Uri(p.BaseUrl).Host,
            variants.ToDictionary(v => v, v => $"{p.BaseUrl}{claims.PathPrefix}{v}?token={token}"),
            renditions.ToDictionary(r => r, r => $"{p.BaseUrl}{claims.PathPrefix}{r}?token={token}")))).ToList();
        var reload = $"{targets.OriginBase(http)}{SteeringTargets.Path}{session}/{pathway}?token={token}";
        return TypedResults.Json(new SteeringManifest(1, options.Value.SteeringTtlSeconds, reload, [.. pathways.Select(p => p.Id)], clones));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial System.Text.RegularExpressions.Regex PathwayId();
}
