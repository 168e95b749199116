using Marquee.Origin.Steering;

namespace Marquee.Origin.Web;

/// <summary>
/// The page's Content Security Policy: script only from the origin itself (so text that slipped into markup could
/// never run), and media, segment fetches and seek thumbnails from the origin and the registered edges.
/// </summary>
internal static class ContentSecurityPolicy
{
    public static string For(IReadOnlyList<EdgeNode> edges)
    {
        var origins = edges.Select(e => Uri.TryCreate(e.BaseUrl, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        var media = string.Join(' ', ["'self'", .. origins]);
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            $"img-src {media} data: blob:",
            // hls.js gives each subtitle <track> an empty "data:,WEBVTT" source (browsers' caption menus misbehave
            // without one); Firefox refuses the track without data: here.
            $"media-src {media} data: blob:",
            $"connect-src {media}",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            // No site frames the app, this one included; the sharing work's embed page will be the one exception.
            "frame-ancestors 'none'");
    }
}
