using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Marquee.Origin.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Marquee.Origin.Sharing;

/// <summary>
/// <c>/embed/{id}</c>: the player other sites frame. It is the one page any site may frame
/// (<c>frame-ancestors *</c>; the app itself refuses framing), so it holds nothing of a viewer's: no script, no
/// session, no stream, only the title's public preview in a plain <c>&lt;video&gt;</c> and a link that opens the title
/// on this service in a new tab. Four parameters are read, each checked: <c>start</c> (a time in the preview, as in
/// shared links), <c>autoplay</c>, <c>muted</c> and <c>loop</c> (1/0, true/false); anything else in the query is ignored.
/// </summary>
public static class EmbedPage
{
    public static IEndpointRouteBuilder MapEmbedPage(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/embed/{id}", [HttpMethods.Get, HttpMethods.Head], ServeAsync).ExcludeFromDescription();
        return routes;
    }

    internal static async Task<ContentHttpResult> ServeAsync(string id, HttpContext http, ShareCards cards, ShareLinks links, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var start = 0;
        if ((query.TryGetValue("start", out var startText) && !StartTime.TryParse(startText.ToString(), out start))
            || !TryFlag(query, "autoplay", out var autoplay) || !TryFlag(query, "muted", out var muted) || !TryFlag(query, "loop", out var loop))
        {
            return Page(http, links, StatusCodes.Status400BadRequest, cards.SiteName,
                Message("This embed's address is not valid: start is a time like 90, 1m30s or 1h2m3s, and autoplay, muted and loop are 1 or 0."));
        }

        var card = id.Length <= 220 ? await cards.ForEmbedAsync(id, cancellationToken) : null;
        if (card is null)
        {
            return Page(http, links, StatusCodes.Status404NotFound, cards.SiteName, Message("This video is not available to embed."));
        }

        var encode = HtmlEncoder.Default;
        var body = new StringBuilder(1024);
        if (card.Video is not null)
        {
            // Browsers let a framed page start playing by itself only without sound.
            body.Append("<video controls playsinline preload=\"metadata\"")
                .Append(card.Image is null ? "" : $" poster=\"{encode.Encode(card.Image.Url)}\"")
                .Append(CultureInfo.InvariantCulture, $" src=\"{encode.Encode(card.Video.Url)}{(start > 0 ? $"#t={start}" : "")}\"")
                .Append(autoplay ? " autoplay muted" : muted ? " muted" : "")
                .Append(loop ? " loop" : "")
                .Append(" aria-label=\"").Append(encode.Encode($"Preview of {card.Title}")).Append("\"></video>");
        }
        else if (card.Image is not null)
        {
            body.Append("<img src=\"").Append(encode.Encode(card.Image.Url)).Append("\" alt=\"").Append(encode.Encode(card.Title)).Append("\">");
        }
        else
        {
            body.Append(Message(card.Title));
        }

        body.Append("<a class=\"watch\" href=\"").Append(encode.Encode(card.Url)).Append("\" target=\"_blank\" rel=\"noopener\">")
            .Append(encode.Encode($"Watch on {cards.SiteName}")).Append("</a>");
        return Page(http, links, StatusCodes.Status200OK, $"{card.Title} \u2014 {cards.SiteName}", body.ToString(), card.Url);
    }

    private static ContentHttpResult Page(HttpContext http, ShareLinks links, int status, string title, string body, string? canonical = null)
    {
        var encode = HtmlEncoder.Default;
        var site = Uri.TryCreate(links.Site, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "'self'";
        var headers = http.Response.Headers;
        // Framed by anyone, and nothing else: no script, no form, no connection, media and images from this service only.
        headers[HeaderNames.ContentSecurityPolicy] =
            $"default-src 'none'; img-src {site}; media-src {site}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *";
        headers[PageSecurityHeaders.PermissionsPolicyHeader] = "autoplay=(self), fullscreen=(self), picture-in-picture=(self)";
        headers.CacheControl = "public, max-age=60";
        var html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">" +
            $"<title>{encode.Encode(title)}</title>" +
            (canonical is null ? "" : $"<link rel=\"canonical\" href=\"{encode.Encode(canonical)}\">") +
            "<style>html,body{margin:0;height:100%;background:#000;color:#f2f2f2;font:15px system-ui,sans-serif}" +
            "video,img{display:block;width:100%;height:100%;object-fit:contain}" +
            "p{margin:0;padding:1.5em;display:flex;height:100%;box-sizing:border-box;align-items:center;justify-content:center;text-align:center}" +
            "a.watch{position:absolute;top:.6em;right:.6em;padding:.4em .8em;border-radius:4px;background:rgba(0,0,0,.75);color:#fff;text-decoration:none}" +
            "a.watch:hover,a.watch:focus-visible{background:#e50914;outline:2px solid #fff}</style></head>" +
            $"<body>{body}</body></html>";
        return TypedResults.Text(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static string Message(string text) => $"<p>{HtmlEncoder.Default.Encode(text)}</p>";

    private static bool TryFlag(IQueryCollection query, string name, out bool value)
    {
        value = false;
        if (!query.TryGetValue(name, out var text))
        {
            return true;
        }

        switch (text.ToString().ToLowerInvariant())
        {
            case "1" or "true" or "":
                value = true;
                return true;
            case "0" or "false":
                return true;
            default:
                return false;
        }
    }
}
