using System.Text.Encodings.Web;
using System.Text.Json;
using Marquee.Origin.Accounts;
using Marquee.Origin.Playback;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Marquee.Origin.Web;

/// <summary>
/// The player page opened by a page load (<c>GET /watch/{id}</c>). Its head names the player's code
/// (<c>modulepreload</c>, written by the web build into a comment the other pages keep inert), so the browser fetches
/// hls.js alongside the app's script instead of after it. For a signed-in browser session the head goes out at once,
/// the origin starts the playback meanwhile (the same <see cref="PlaybackStarter"/> as <c>POST /api/v1/playback/{id}</c>,
/// with every check), and the answer follows in the same response as a JSON data block
/// (<c>&lt;script type="application/json" id="marquee-playback"&gt;</c>, which no browser runs, so the page's
/// <c>script-src 'self'</c> is untouched) with the antiforgery token the player's heartbeats and release need. The
/// player reads it instead of asking the API, which saves the antiforgery and playback round trips on the way to
/// the first frame. Such a page carries a token and a lease, so it is <c>private, no-store</c>, never compressed
/// (BREACH); anything else, and any refusal, gets the page without a playback, and the player asks the API as
/// before (which then says why).
/// </summary>
internal sealed partial class WatchPage(IOptions<HttpJsonOptions> json, IAntiforgery antiforgery, StartRenditions starts, ILogger<WatchPage> logger)
{
    public const string BootstrapElementId = "marquee-playback";

    /// <summary>Where the app's page takes the playback; a build without it gets the plain page, and no playback is started.</summary>
    public const string Placeholder = "<!--marquee:playback-->";

    /// <summary>
    /// Opens the comment the web build writes the player's <c>modulepreload</c> links into (see web/vite.config.ts);
    /// on the player page the comment is opened up, on every other page it stays a comment.
    /// </summary>
    public const string PlayerHeadStart = "<!--marquee:player-head ";

    // The API's own JSON shape, with the default encoder whatever the API uses: it escapes <, > and &, so nothing in
    // the answer can close the data block.
    private readonly JsonSerializerOptions serializer = new(json.Value.SerializerOptions) { Encoder = JavaScriptEncoder.Default };

    /// <summary>The id of a <c>GET /watch/{id}</c> (not HEAD: a HEAD gets the plain page's headers).</summary>
    public static bool IsPlayerPage(HttpContext http, out string id)
    {
        id = "";
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method) || !request.Path.StartsWithSegments("/watch", StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return false;
        }

        var segment = rest.Value?.TrimStart('/') ?? "";
        if (segment.Length is 0 or > 100 || segment.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        id = segment;
        return true;
    }

    /// <summary>
    /// Whether this request may take a playback: a browser session (the cookie, no bearer token) navigating to the page
    /// itself, not a prefetch or prerender (those must not take one of the plan's streams) and not a subresource.
    /// Only from this site or typed in (<c>Sec-Fetch-Site</c> same-origin or none): a GET that takes a stream slot must
    /// not be something another site can make a viewer's browser do (a link from elsewhere gets the plain page, and
    /// the player asks the API, whose POST another site cannot forge).
    /// </summary>
    public static bool MayStartPlayback(HttpContext http)
    {
        var headers = http.Request.Headers;
        var destination = headers["Sec-Fetch-Dest"].ToString();
        var site = headers["Sec-Fetch-Site"].ToString();
        return http.User.Identity?.IsAuthenticated == true && BrowserSessions.UsesCookie(http)
            && !headers.ContainsKey("Sec-Purpose") && !headers.ContainsKey("Purpose")
            && (destination.Length == 0 || destination == "document")
            && (site.Length == 0 || site == "same-origin" || site == "none");
    }

    public static bool IsWatchPath(PathString path) => path.StartsWithSegments("/watch", StringComparison.OrdinalIgnoreCase);

    /// <summary>The page (index.html's text) with the player's head opened up, and with the playback in place of its placeholder when this request may take one.</summary>
    public async Task WriteAsync(HttpContext http, string page, string id, CancellationToken cancellationToken)
    {
        var html = OpenPlayerHead(page);
        var response = http.Response;
        response.ContentType = "text/html; charset=utf-8";
        var at = html.IndexOf(Placeholder, StringComparison.Ordinal);
        if (at < 0 || !MayStartPlayback(http))
        {
            response.Headers.CacheControl = "no-cache";
            await response.WriteAsync(html.Replace(Placeholder, "", StringComparison.Ordinal), cancellationToken);
            return;
        }

        // Before the head goes out, as it may set the antiforgery cookie (and its own caching headers, which ours replace).
        var tokens = antiforgery.GetAndStoreTokens(http);
        response.Headers.CacheControl = "private, no-store";
        await response.WriteAsync(html[..at], cancellationToken);
        await response.Body.FlushAsync(cancellationToken);

        var view = await StartAsync(http, id, cancellationToken);
        if (view is not null)
        {
            var start = await StartOfAsync(view, cancellationToken);
            var bootstrap = JsonSerializer.Serialize(
                new PlaybackBootstrap(id, view, new AntiforgeryView(tokens.RequestToken ?? "", BrowserSessions.AntiforgeryHeader), start?.Video), serializer);
            // The multivariant playlist and the media playlists the player starts on, fetched while the page's scripts
            // load; hls.js's requests for them take these answers.
            await response.WriteAsync(Preload(view.Hls), cancellationToken);
            foreach (var file in start is null ? [] : new[] { start.Video, start.Audio })
            {
                if (file is not null)
                {
                    await response.WriteAsync(Preload(view.Hls.Replace("/master.m3u8?", "/" + file + "?", StringComparison.Ordinal)), cancellationToken);
                }
            }

            await response.WriteAsync($"<script type=\"application/json\" id=\"{BootstrapElementId}\">{bootstrap}</script>", cancellationToken);
        }

        await response.WriteAsync(html[(at + Placeholder.Length)..], cancellationToken);
    }

    /// <summary><c>&lt;!--marquee:player-head LINKS--&gt;</c> becomes <c>LINKS</c>.</summary>
    internal static string OpenPlayerHead(string html)
    {
        var start = html.IndexOf(PlayerHeadStart, StringComparison.Ordinal);
        if (start < 0)
        {
            return html;
        }

        var end = html.IndexOf("-->", start + PlayerHeadStart.Length, StringComparison.Ordinal);
        return end < 0 ? html : string.Concat(html.AsSpan(0, start), html.AsSpan(start + PlayerHeadStart.Length, end - start - PlayerHeadStart.Length), html.AsSpan(end + 3));
    }

    private async Task<PlaybackView?> StartAsync(HttpContext http, string id, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await http.RequestServices.GetRequiredService<PlaybackStarter>().StartAsync(id, http.User, http, cancellationToken);
            return outcome.View;
        }
        catch (ProfileSelectionRequiredException)
        {
            // Every profile is locked: the player asks the API, which says to choose one.
            return null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The head is out, so no error page: the page goes without a playback and the player asks the API.
            LogBootstrapFailed(logger, error);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The player page went out without a playback; the player will ask the API")]
    private static partial void LogBootstrapFailed(ILogger logger, Exception error);

    private static string Preload(string url) => $"<link rel=\"preload\" as=\"fetch\" crossorigin href=\"{HtmlEncoder.Default.Encode(url)}\">";

    /// <summary>The renditions to start on, from the package's multivariant playlist; none when it cannot be read (the page then preloads only that playlist).</summary>
    private async Task<StartRenditions.Start?> StartOfAsync(PlaybackView view, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(view.Hls, UriKind.Absolute, out var master) || !master.AbsolutePath.EndsWith("/master.m3u8", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return await starts.ForAsync(master.AbsolutePath[..^"master.m3u8".Length], view.MaxHeight, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A preload is an optimization: whatever the store says, the page goes out.
            LogStartUnknown(logger, error);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The player page's start renditions could not be read; it preloads the multivariant playlist only")]
    private static partial void LogStartUnknown(ILogger logger, Exception error);

    /// <param name="Start">The video rendition's playlist hls.js is to start on (its <c>startLevel</c>), preloaded with the page.</param>
    private sealed record PlaybackBootstrap(string Id, PlaybackView Playback, AntiforgeryView Antiforgery, string? Start);
}
