using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Marquee.Origin.SharedState;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Threading.RateLimiting;

namespace Marquee.Origin.Sharing;

/// <summary>
/// oEmbed 1.0 (<c>GET /oembed?url=…&amp;format=json</c>): a site that is given a link to one of our titles or episodes
/// asks here for the player to put in its page, a sandboxed iframe of <c>/embed/{id}</c>. Only this service's own
/// links are answered (anything else is 404, as the spec asks), only JSON (XML is 501), and a budget per address
/// keeps it from being a free database-reading service.
/// </summary>
public static class OEmbedApi
{
    public const string RateLimitPolicy = "oembed";

    /// <summary>What the player is when the consumer sets no limit (16:9).</summary>
    public const int DefaultWidth = 640;

    public const int DefaultHeight = 360;

    /// <summary>
    /// The sandbox of the iframe; the link out may open a tab. <c>allow-scripts</c> is there only because browsers tie
    /// autoplay to it (the sandbox's "automatic features" flag); the embed has no script, and its own policy
    /// (<c>default-src 'none'</c>) would refuse one.
    /// </summary>
    public const string Sandbox = "allow-same-origin allow-scripts allow-popups allow-popups-to-escape-sandbox";

    public sealed record OEmbedView(
        [property: JsonPropertyName("version")] string Version,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("provider_name")] string ProviderName,
        [property: JsonPropertyName("provider_url")] string ProviderUrl,
        [property: JsonPropertyName("html")] string Html,
        [property: JsonPropertyName("width")] int Width,
        [property: JsonPropertyName("height")] int Height,
        [property: JsonPropertyName("thumbnail_url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ThumbnailUrl,
        [property: JsonPropertyName("thumbnail_width"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ThumbnailWidth,
        [property: JsonPropertyName("thumbnail_height"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ThumbnailHeight);

    public static IServiceCollection AddOEmbedLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = Math.Max(configuration.GetValue($"{SharingOptions.Section}:{nameof(SharingOptions.OEmbedPerMinute)}", 120), 6);
        services.AddRateLimiter(o => o.AddPolicy(RateLimitPolicy, context =>
            SharedLimits.Partition(context, RateLimitPolicy, SharedLimits.ClientKey(context), Math.Max(perMinute / 6, 1), TimeSpan.FromSeconds(10),
                () => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(perMinute / 6, 1),
                    TokensPerPeriod = Math.Max(perMinute / 60, 1),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }))));
        return services;
    }

    public static IEndpointRouteBuilder MapOEmbedApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/oembed", GetAsync).WithTags("Sharing").RequireRateLimiting(RateLimitPolicy)
            .AllowAnonymous();
        return routes;
    }

    internal static async Task<Results<Ok<OEmbedView>, ProblemHttpResult>> GetAsync(
        string? url, string? format, string? maxwidth, string? maxheight, ShareCards cards, ShareLinks links, HttpContext http, CancellationToken cancellationToken)
    {
        // Any site's script may ask: the answer is public.
        http.Response.Headers.AccessControlAllowOrigin = "*";
        if (format is not null && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status501NotImplemented, title: "Only JSON", detail: "This provider answers format=json only.");
        }

        if (string.IsNullOrWhiteSpace(url) || url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var target)
            || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            return Bad("url must be the absolute http(s) address of a title or episode page of this service.");
        }

        if (!TryLimit(maxwidth, out var maxWidth) || !TryLimit(maxheight, out var maxHeight))
        {
            return Bad("maxwidth and maxheight are whole numbers of pixels from 1 to 10000.");
        }

        var card = IsOurs(target, links) ? await CardOfAsync(target, cards, cancellationToken) : null;
        if (card?.EmbedId is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not a shareable video of this service",
                detail: "The address is not a title or episode page of this service that can be shared.");
        }

        var (width, height) = Fit(card.Video is { Width: { } w, Height: { } h } && w > 0 && h > 0 ? (w, h) : (DefaultWidth, DefaultHeight), maxWidth, maxHeight);
        var encode = Html.Encoder;
        var html = $"<iframe src=\"{encode.Encode(links.Embed(card.EmbedId))}\" width=\"{width}\" height=\"{height}\" title=\"{encode.Encode(card.Title)}\" " +
            $"sandbox=\"{Sandbox}\" allow=\"autoplay; fullscreen; picture-in-picture\" allowfullscreen style=\"border:0\"></iframe>";
        var image = card.Image is { Width: not null, Height: not null } ? card.Image : null;
        http.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Ok(new OEmbedView("1.0", "video", card.Title, cards.SiteName, links.Site + "/", html, width, height,
            image?.Url, image?.Width, image?.Height));
    }

    /// <summary>Our host and port (either scheme: a link copied before a move to HTTPS still counts).</summary>
    private static bool IsOurs(Uri target, ShareLinks links) =>
        Uri.TryCreate(links.Site, UriKind.Absolute, out var site)
        && string.Equals(target.Host, site.Host, StringComparison.OrdinalIgnoreCase)
        && (target.Port == site.Port || (target.IsDefaultPort && site.IsDefaultPort));

    private static Task<ShareCard?> CardOfAsync(Uri target, ShareCards cards, CancellationToken cancellationToken)
    {
        var segments = target.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length != 2)
        {
            return Task.FromResult<ShareCard?>(null);
        }

        var id = Uri.UnescapeDataString(segments[1]);
        return segments[0].ToLowerInvariant() switch
        {
            "title" => Card(cards.ForTitleAsync(id, cancellationToken)),
            "watch" => Card(cards.ForWatchAsync(id, cancellationToken)),
            "embed" => cards.ForEmbedAsync(id, cancellationToken),
            _ => Task.FromResult<ShareCard?>(null),
        };

        static async Task<ShareCard?> Card(Task<CardAnswer> answer) => (await answer).Card;
    }

    /// <summary>The largest size of the clip's shape within the consumer's limits.</summary>
    internal static (int Width, int Height) Fit((int Width, int Height) shape, int? maxWidth, int? maxHeight)
    {
        var scale = (double)DefaultWidth / shape.Width;
        if (maxWidth is { } mw)
        {
            scale = Math.Min(scale, (double)mw / shape.Width);
        }

        if (maxHeight is { } mh)
        {
            scale = Math.Min(scale, (double)mh / shape.Height);
        }

        return (Math.Max(1, (int)Math.Floor(shape.Width * scale)), Math.Max(1, (int)Math.Floor(shape.Height * scale)));
    }

    private static bool TryLimit(string? text, out int? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 10_000)
        {
            value = number;
            return true;
        }

        return false;
    }

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a valid oEmbed request", detail: detail);
}
