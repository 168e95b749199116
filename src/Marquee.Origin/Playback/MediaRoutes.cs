using Marquee.Edge.Tokens;
using Marquee.Origin.Data;
using Marquee.Origin.Regions;
using Marquee.Origin.Steering;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Playback;

/// <summary>
/// Where a viewer fetches an asset's objects from and the token that opens them: the edges ranked for the viewer's
/// region (the origin last) and a token valid in each offered edge's region. Playback and offline downloads both
/// ask here, so a download travels the same edges, with the same rules, as a stream.
/// </summary>
public sealed class MediaRoutes(
    MarqueeDbContext db, PlaybackKeys keys, EdgeDirectory directory, SteeringRanker ranker, SteeringTargets targets, IOptions<PlaybackOptions> options, TimeProvider clock)
{
    // Read once per request: a download check-in asks for a route per licence.
    private List<Region>? regions;

    /// <summary>The places to fetch from, best first, and a token for <paramref name="pathPrefix"/>.</summary>
    /// <param name="session">The stream lease, or the download's licence id: edges name it in steering URLs.</param>
    /// <param name="maxHeight">The largest rendition the token opens (0 for no limit).</param>
    /// <param name="download">An offline download's token (edges count its bytes apart).</param>
    public async Task<MediaRoute> ForAsync(
        HttpContext http, string? country, string assetId, string pathPrefix, string session, int maxHeight, bool download, CancellationToken cancellationToken)
    {
        regions ??= await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        var viewerRegion = Region.Containing(regions, country)?.Id;
        var ranked = ranker.Rank(await directory.CurrentAsync(cancellationToken), viewerRegion, assetId);
        var pathways = Pathways.From(ranked, targets.OriginBase(http));
        var claims = new PlaybackClaims(
            pathPrefix,
            clock.GetUtcNow() + options.Value.TokenLifetime,
            TokenRegions(viewerRegion, ranked),
            session,
            maxHeight,
            download);
        return new MediaRoute(pathways, PlaybackToken.Sign(claims, keys.Current), claims, viewerRegion);
    }

    /// <summary>The viewer's region first (the steering endpoint ranks for it), then every region of an offered edge.</summary>
    private static List<string> TokenRegions(string? viewerRegion, IReadOnlyList<EdgeNode> ranked)
    {
        var list = new List<string>();
        if (viewerRegion is not null)
        {
            list.Add(viewerRegion);
        }

        list.AddRange(ranked.Select(e => e.Region).Where(r => !list.Contains(r)).Distinct());
        return list.Count > 0 ? list : ["none"];
    }
}

/// <param name="Pathways">Edges best first, then the origin.</param>
/// <param name="ViewerRegion">The region of the viewer's country, or null when none contains it.</param>
public sealed record MediaRoute(IReadOnlyList<PathwayView> Pathways, string Token, PlaybackClaims Claims, string? ViewerRegion)
{
    /// <summary>A file of the package (a manifest) on the best pathway, with the token.</summary>
    public string Url(string file) => $"{Pathways[0].BaseUrl}{Claims.PathPrefix}{file}?token={Token}";
}
