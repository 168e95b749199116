using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// <c>GET /api/v1/search?q=…</c>: typo-tolerant, prefix-matching search over what this viewer may see here and now,
/// with facets (genre, year range, maturity, free/subscription) and paging.
/// </summary>
public static class SearchApi
{
    public const string RateLimitPolicy = "search";
    public const int MaxPageSize = 50;
    public const int MaxFacetValues = 20;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/search", SearchAsync).WithTags("Titles").RequireRateLimiting(RateLimitPolicy);
        return routes;
    }

    internal static async Task<Results<Ok<SearchPage>, ValidationProblem>> SearchAsync(
        CatalogIndex catalog, ViewerResolver viewers, HttpContext http, CancellationToken cancellationToken,
        string? q = null, string[]? genre = null, int? yearFrom = null, int? yearTo = null, int? maturity = null, string? access = null,
        int offset = 0, int limit = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (SearchText.Validate(q ?? "") is { } problem)
        {
            errors["q"] = [problem];
        }

        if (genre is { Length: > 10 } || genre?.Any(g => g.Length > 50) == true)
        {
            errors["genre"] = ["At most 10 genres of up to 50 characters each."];
        }

        if (yearFrom is < 1800 or > 2300 || yearTo is < 1800 or > 2300 || yearFrom > yearTo)
        {
            errors["year"] = ["yearFrom and yearTo are years between 1800 and 2300, yearFrom not after yearTo."];
        }

        if (maturity is { } m && !Accounts.Profile.MaturityLevels.Contains(m))
        {
            errors["maturity"] = [$"maturity is one of {string.Join(", ", Accounts.Profile.MaturityLevels)}."];
        }

        TitleAccess? tier = access switch
        {
            null or "" => null,
            "free" => TitleAccess.Free,
            "subscription" => TitleAccess.Subscription,
            _ => TitleAccess.Hidden,
        };
        if (tier == TitleAccess.Hidden)
        {
            errors["access"] = ["access is 'free' or 'subscription'."];
        }

        if (Paging.Validate(offset, limit, MaxPageSize) is { } paging)
        {
            foreach (var (key, value) in paging.ProblemDetails.Errors)
            {
                errors[key] = value;
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        var results = catalog.Search(new SearchQuery(q ?? "", offset, limit, genre, yearFrom, yearTo, maturity, tier), viewer);
        var items = new List<TitleSummary>(results.Items.Count);
        var now = catalog.NowMs;
        foreach (var hit in results.Items)
        {
            if (catalog.Find(hit.TitleId) is { } entry)
            {
                items.Add(TitleSummary.From(entry, catalog.Access(entry, viewer, now)));
            }
        }

        CatalogResponses.Private(http);
        return TypedResults.Ok(new SearchPage(q ?? "", items, results.Total, offset, limit, new SearchFacets(
            results.Genres.Take(MaxFacetValues).ToList(), results.Decades, results.Maturity, results.Access)));
    }
}
