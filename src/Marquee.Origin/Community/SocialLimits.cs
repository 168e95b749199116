using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marquee.Origin.Community;

internal static class SocialLimits
{
    /// <summary>429 with Retry-After, naming what was too frequent.</summary>
    public static ProblemHttpResult TooMany(HttpContext http, TimeSpan wait, string what)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"Too many {what} requests; try again in {seconds} seconds.");
    }
}
