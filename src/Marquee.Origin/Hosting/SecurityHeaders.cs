using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marquee.Origin.Hosting;

/// <summary>
/// Headers on every answer of the origin, whatever produced it: endpoints, problems, static files, the exception
/// handler (which clears the response first) and the 404 of an unknown route. They are set as the response starts, so
/// nothing that runs later removes them; an endpoint that sets its own value keeps it. The app page adds its own
/// (<see cref="Web.PageSecurityHeaders"/>).
/// </summary>
internal static class SecurityHeaders
{
    public const string ReferrerPolicyHeader = "Referrer-Policy";
    public const string NoSniff = "nosniff";

    /// <summary>
    /// No Referer from anything the origin serves: the app's own addresses carry secrets in their queries (the reset and
    /// confirmation links), playback tokens travel in media URLs, and nothing here reads a Referer.
    /// </summary>
    public const string ReferrerPolicy = "no-referrer";

    /// <summary>A year, for this host only: edges and other services may live on sibling hosts that do not have HTTPS.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    private static readonly Func<object, Task> Apply = state =>
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = NoSniff;
        if (!headers.ContainsKey(ReferrerPolicyHeader))
        {
            headers[ReferrerPolicyHeader] = ReferrerPolicy;
        }

        // Only an HTTPS request (Kestrel's own, or a trusted proxy's X-Forwarded-Proto) may ask for HTTPS next time.
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        return Task.CompletedTask;
    };

    /// <summary>Call right after the forwarded headers, so that <c>IsHttps</c> is what the client used.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(Apply, context);
            return next(context);
        });
}
