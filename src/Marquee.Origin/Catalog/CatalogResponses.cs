using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marquee.Origin.Catalog;

/// <summary>What every catalog answer shares: it depends on who and where the viewer is, so no shared cache keeps it.</summary>
public static class CatalogResponses
{
    public static void Private(HttpContext http) => http.Response.Headers.CacheControl = "private, no-store";

    /// <summary>RFC 7725's 451 with a readable reason; private, so no cache repeats it to a viewer elsewhere.</summary>
    public static ProblemHttpResult Unavailable(HttpContext http, string? country)
    {
        Private(http);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status451UnavailableForLegalReasons,
            title: "Not available in your region",
            detail: country is null
                ? "We could not tell which country you are in, and this title is only licensed in some countries."
                : $"This title is not licensed in your country ({country}) at the moment. What is offered differs from country to country and changes over time.");
    }

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Title not found", detail: $"There is no title with the id or slug '{Truncate(what)}'.");

    public static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
