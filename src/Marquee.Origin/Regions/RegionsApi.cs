using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Regions;

/// <summary>
/// <c>GET /api/v1/regions</c> (and <c>/api/v1/regions/me</c>: where the caller appears to be);
/// <c>PUT/DELETE /api/v1/admin/regions/{id}</c> for admins.
/// </summary>
public static partial class RegionsApi
{
    public sealed record RegionView(string Id, string Name, IReadOnlyList<string> Countries);

    public sealed record RegionRequest(string? Name, IReadOnlyList<string>? Countries);

    public sealed record WhereView(string? Country, string? Region, string Address);

    public static IEndpointRouteBuilder MapRegionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/regions", ListAsync).WithTags("Regions");
        routes.MapGet("/api/v1/regions/me", WhereAsync).WithTags("Regions");
        var admin = routes.MapGroup("/api/v1/admin/regions").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapPut("/{id}", PutAsync);
        admin.MapDelete("/{id}", DeleteAsync);
        return routes;
    }

    internal static async Task<Ok<List<RegionView>>> ListAsync(MarqueeDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Regions.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken)).Select(View).ToList());

    internal static async Task<Ok<WhereView>> WhereAsync(CountryResolver countries, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var country = countries.Resolve(http);
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        CatalogResponses.Private(http);
        return TypedResults.Ok(new WhereView(country, Region.Containing(regions, country)?.Id,
            http.Connection.RemoteIpAddress?.ToString() ?? ""));
    }

    internal static async Task<Results<Ok<RegionView>, ValidationProblem>> PutAsync(string id, RegionRequest body, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IdPattern().IsMatch(id))
        {
            errors["id"] = ["A region id is 1 to 32 lower-case letters, digits and hyphens."];
        }

        if (!Catalog.Admin.TitleValidator.IsText(body.Name, 1, 100))
        {
            errors["name"] = ["name is 1 to 100 characters without control characters."];
        }

        var codes = (body.Countries ?? []).Select(Countries.Normalize).ToList();
        if (body.Countries is null || codes.Count > 300 || codes.Any(c => c is null))
        {
            errors["countries"] = ["countries is a list of ISO 3166-1 alpha-2 codes (DE, US…)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var list = string.Join(',', codes.Distinct());
        var others = await db.Regions.AsNoTracking().Where(r => r.Id != id).ToListAsync(cancellationToken);
        if (others.FirstOrDefault(r => r.CountryList.Intersect(codes!).Any()) is { } clash)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["countries"] = [$"{string.Join(", ", clash.CountryList.Intersect(codes!))} already belong to the region '{clash.Id}'; a country is in one region."],
            });
        }

        var region = await db.Regions.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (region is null)
        {
            region = new Region { Id = id, Name = body.Name!.Trim(), Countries = list };
            db.Regions.Add(region);
        }
        else
        {
            region.Name = body.Name!.Trim();
            region.Countries = list;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(region));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await db.Regions.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted > 0 ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such region", detail: "There is no region with this id.");
    }

    private static RegionView View(Region region) => new(region.Id, region.Name, region.CountryList);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();
}
