using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Marquee.Edge.Hosting;

/// <summary>
/// Headers on every answer of an edge: <c>nosniff</c>, no Referer (media URLs carry playback tokens in their
/// queries), and HSTS when the edge itself serves HTTPS. Set when a request arrives, from values built once, so the
/// hot path allocates nothing for them (Kestrel keeps a connection's header storage between its requests); a problem
/// written after the response was cleared (the exception handler) gets them again as it is written. Media CORS is
/// the media handler's and stays as it is.
/// </summary>
internal static class EdgeResponseHeaders
{
    private const string ReferrerPolicyHeader = "Referrer-Policy";
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues NoReferrer = "no-referrer";
    private static readonly StringValues StrictTransportSecurity = "max-age=31536000";

    public static RequestDelegate Middleware(RequestDelegate next) => context =>
    {
        Apply(context);
        return next(context);
    };

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = NoSniff;
        headers[ReferrerPolicyHeader] = NoReferrer;
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
    }
}
