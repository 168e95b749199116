using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Marquee.Origin.Hosting;

/// <summary>
/// How much of a request body the origin reads. JSON bodies are bound before a handler can look at them (the edge key
/// of a heartbeat, say, is checked after), so the server's own limit is what keeps a large body out of memory: 1 MiB,
/// far above any request the API takes. Uploads and posters raise it for themselves and bound their bodies their own way.
/// The request line and headers keep Kestrel's limits (8 KiB and 32 KiB).
/// </summary>
internal static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static void Configure(WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;

            // Nothing needs to know what serves the origin; edges already leave the header out.
            kestrel.AddServerHeader = false;
        });

    /// <summary>For an endpoint that reads its body itself: a larger limit (null: none), before the first read.</summary>
    public static void AllowBody(HttpContext context, long? maxBytes)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = maxBytes;
        }
    }
}
