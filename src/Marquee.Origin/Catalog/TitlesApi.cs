using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Catalog;

/// <summary><c>/api/v1/titles</c>: the catalog as this viewer may see it, here and now.</summary>
public static class TitlesApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapTitlesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/titles").WithTags("Titles");
        group.MapGet("/", ListAsync).WithName("ListTitles");
        group.MapGet("/{id}", GetAsync).WithName("GetTitle");
        return routes;
    }

    /// <summary>Playable titles the viewer may see, newest first.</summary>
    internal static async Task<Results<Ok<TitlePage>, ValidationProblem>> ListAsync(
        CatalogIndex catalog, ViewerResolver viewers, HttpContext http, CancellationToken cancellationToken, int offset = 0, int limit = 50)
    {
        if (Paging.Validate(offset, limit, MaxPageSize) is { } invalid)
        {
            return invalid;
        }

        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        var visible = catalog.Visible(viewer).OrderByDescending(v => v.Entry.PublishedAtMs).ThenBy(v => v.Entry.Id).ToList();
        CatalogResponses.Private(http);
        return TypedResults.Ok(new TitlePage(visible.Skip(offset).Take(limit).Select(v => TitleSummary.From(v.Entry, v.Access)).ToList(), offset, limit, visible.Count));
    }

    /// <summary>
    /// A title page. Published titles still transcoding are shown (with their status) where licensed; elsewhere the
    /// answer is 451; unpublished or deleted titles do not exist.
    /// </summary>
    internal static async Task<Results<Ok<TitleView>, ProblemHttpResult>> GetAsync(
        string id, TitleQueries queries, ViewerResolver viewers, IOptions<GeoOptions> geo, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var title = id.Length <= 100 ? await queries.FindAsync(id, cancellationToken) : null;
        if (title is null || !title.Published)
        {
            return CatalogResponses.NotFound(id);
        }

        var (viewer, profile) = await viewers.ResolveAsync(http, cancellationToken);
        var tier = LicenceRules.ActiveTier(title.Licences, viewer.Country, clock.GetUtcNow().ToUnixTimeMilliseconds(), geo.Value.AllowUnknownCountry);
        if (tier is null)
        {
            return CatalogResponses.Unavailable(http, viewer.Country);
        }

        CatalogResponses.Private(http);
        if (title.MaturityRating > viewer.MaxMaturity)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not available on this profile",
                detail: $"This title is rated {title.MaturityRating}+; the profile '{profile?.Name}' is limited to {viewer.MaxMaturity}+.");
        }

        return TypedResults.Ok(await queries.ViewAsync(title, tier == LicenceTier.Free ? "free" : "subscription", cancellationToken));
    }
}
