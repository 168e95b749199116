using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Catalog.Search;
using Marquee.Origin.Data;
using Marquee.Origin.Discovery;
using Marquee.Origin.Progress;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Catalog.Browse;

/// <summary>
/// <c>GET /api/v1/browse</c>: the home screen's rows — Continue watching, the region's top 10 today, Top picks and
/// "Because you watched" (<see cref="PersonalRows"/>), My List, new in the viewer's region, trending, free to watch,
/// and one row per genre — all from the titles this viewer may see here and now.
/// </summary>
public static class BrowseApi
{
    public const int MaxPerRow = 50;

    public static IEndpointRouteBuilder MapBrowseApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/browse", BrowseAsync).WithTags("Titles");
        return routes;
    }

    internal static async Task<Results<Ok<BrowsePage>, ValidationProblem>> BrowseAsync(
        BrowseCache shared, ViewerResolver viewers, MarqueeDbContext db, WatchProgressService progress, PersonalRows personal, HttpContext http, CancellationToken cancellationToken, int perRow = 20)
    {
        if (perRow is < 1 or > MaxPerRow)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["perRow"] = [$"perRow must be between 1 and {MaxPerRow}."] });
        }

        var (viewer, profile) = await viewers.ResolveAsync(http, cancellationToken);
        var common = shared.Get(viewer, perRow);
        var byId = common.Visible;
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        var region = Regions.Region.Containing(regions, viewer.Country);
        var regionName = region?.Name ?? viewer.Country ?? "your region";
        var discovered = await personal.BuildAsync(viewer, profile?.Name, common, region?.Id, regionName, perRow, cancellationToken);
        var rows = new List<BrowseRow>();

        if (viewer.ProfileId is { } profileId)
        {
            // Only titles this viewer may see here and now: a kids profile or another country hides the rest.
            var resumable = (await progress.ContinueWatchingAsync(profileId, cancellationToken)).Where(p => byId.ContainsKey(p.TitleId)).Take(perRow).ToList();
            if (resumable.Count > 0)
            {
                rows.Add(new BrowseRow("continue", "Continue watching", [.. resumable.Select(p => TitleSummary.From(byId[p.TitleId].Entry, byId[p.TitleId].Access) with
                {
                    Resume = new ResumeView(p.PlayableId, p.PositionSeconds, p.DurationSeconds),
                })]));
            }

            if (discovered.Top10 is { } top10)
            {
                rows.Add(top10);
            }

            rows.AddRange(discovered.Picks);
            var listed = await db.MyList.AsNoTracking().Where(e => e.ProfileId == profileId).OrderByDescending(e => e.AddedAtMs).Select(e => e.TitleId).ToListAsync(cancellationToken);
            rows.Add(new BrowseRow("my-list", "My List", listed.Where(byId.ContainsKey).Take(perRow).Select(id => TitleSummary.From(byId[id].Entry, byId[id].Access)).ToList()));
        }
        else if (discovered.Top10 is { } top10)
        {
            rows.Add(top10);
        }

        rows.Add(new BrowseRow("new", $"New in {regionName}", common.NewItems));
        if (discovered.Trending is { } trending)
        {
            rows.Add(trending);
        }

        rows.Add(common.Free);
        rows.AddRange(common.Genres);

        CatalogResponses.Private(http);
        return TypedResults.Ok(new BrowsePage(viewer.Country, region?.Id, region?.Name, rows));
    }
}
