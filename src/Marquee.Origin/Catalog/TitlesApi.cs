using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Marquee.Origin.Catalog;

/// <summary><c>/api/v1/titles</c>: the catalog as it stands, including titles still being transcoded.</summary>
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

    internal static async Task<Results<Ok<TitlePage>, ValidationProblem>> ListAsync(
        TitleQueries queries, CancellationToken cancellationToken, int offset = 0, int limit = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (offset < 0)
        {
            errors["offset"] = ["offset must be 0 or more."];
        }

        if (limit is < 1 or > MaxPageSize)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(new TitlePage(await queries.ListAsync(offset, limit, cancellationToken), offset, limit));
    }

    internal static async Task<Results<Ok<TitleView>, ProblemHttpResult>> GetAsync(string id, TitleQueries queries, CancellationToken cancellationToken)
    {
        var title = id.Length <= 100 ? await queries.FindAsync(id, cancellationToken) : null;
        return title is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Title not found", detail: $"There is no title with the id or slug '{Truncate(id)}'.")
            : TypedResults.Ok(title);
    }

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
