using Marquee.Origin.Steering;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Marquee.Origin.Web;

/// <summary>
/// What the app page adds to the headers every answer carries (<see cref="Hosting.SecurityHeaders"/>): its Content
/// Security Policy, which no site may frame (<c>frame-ancestors 'none'</c>, and <c>X-Frame-Options</c> for browsers
/// that predate it), a browsing context group of its own, and the browser features it uses.
/// </summary>
internal static class PageSecurityHeaders
{
    public const string CrossOriginOpenerPolicyHeader = "Cross-Origin-Opener-Policy";
    public const string PermissionsPolicyHeader = "Permissions-Policy";

    /// <summary>
    /// The player's fullscreen, picture-in-picture and autoplay, and passkeys, for the page itself and nothing it
    /// embeds; everything else a page could ask for is off. No DRM is used, so encrypted-media is off too.
    /// </summary>
    public const string PermissionsPolicy =
        "fullscreen=(self), picture-in-picture=(self), autoplay=(self), publickey-credentials-get=(self), publickey-credentials-create=(self), " +
        "encrypted-media=(), camera=(), microphone=(), geolocation=(), display-capture=(), screen-wake-lock=(), payment=(), usb=(), " +
        "serial=(), hid=(), midi=(), accelerometer=(), gyroscope=(), magnetometer=(), xr-spatial-tracking=(), browsing-topics=()";

    public static void Apply(HttpResponse response, IReadOnlyList<EdgeNode> edges)
    {
        var headers = response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy.For(edges);
        headers.XFrameOptions = "DENY";
        // Nothing opens the app in a popup or is opened by it, so no other window keeps a handle on it.
        headers[CrossOriginOpenerPolicyHeader] = "same-origin";
        headers[PermissionsPolicyHeader] = PermissionsPolicy;
    }
}
