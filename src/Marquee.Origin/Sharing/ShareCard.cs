using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Marquee.Origin.Sharing;

/// <summary>An image or a clip of a card, with its size when known.</summary>
public sealed record CardMedia(string Url, string Type, int? Width, int? Height);

/// <summary>
/// What a shared link unfurls into: the tags a crawler reads from the page's head (Open Graph, Twitter, JSON-LD, oEmbed
/// discovery). Every value is encoded for where it goes: attribute values by the HTML encoder, the JSON-LD block by a
/// JSON encoder that escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so no text can end the element early.
/// </summary>
/// <param name="EmbedId">The title or episode <c>/embed/{id}</c> plays; null for what has no player (a list).</param>
public sealed record ShareCard(
    string OgType,
    string Title,
    string Description,
    string Url,
    CardMedia? Image,
    CardMedia? Video,
    JsonObject? StructuredData,
    string? OEmbedUrl,
    string? EmbedId = null)
{
    /// <summary>Longest description: about what the networks show before cutting it themselves.</summary>
    public const int DescriptionLength = 200;

    private static readonly JsonSerializerOptions LdJson = new() { Encoder = JavaScriptEncoder.Default };

    public string Head(string siteName)
    {
        var html = new StringBuilder(2048);
        var title = Title == siteName ? siteName : $"{Title} \u2014 {siteName}";
        html.Append("<title>").Append(Encode(title)).Append("</title>\n");
        if (Description.Length > 0)
        {
            Meta(html, "name", "description", Description);
        }

        html.Append("<link rel=\"canonical\" href=\"").Append(Encode(Url)).Append("\">\n");
        Meta(html, "property", "og:site_name", siteName);
        Meta(html, "property", "og:type", OgType);
        Meta(html, "property", "og:title", Title);
        if (Description.Length > 0)
        {
            Meta(html, "property", "og:description", Description);
        }

        Meta(html, "property", "og:url", Url);
        if (Image is not null)
        {
            Media(html, "og:image", Image);
        }

        if (Video is not null)
        {
            Media(html, "og:video", Video);
        }

        Meta(html, "name", "twitter:card", Image is null ? "summary" : "summary_large_image");
        Meta(html, "name", "twitter:title", Title);
        if (Description.Length > 0)
        {
            Meta(html, "name", "twitter:description", Description);
        }

        if (Image is not null)
        {
            Meta(html, "name", "twitter:image", Image.Url);
        }

        if (OEmbedUrl is not null)
        {
            html.Append("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"").Append(Encode(OEmbedUrl))
                .Append("\" title=\"").Append(Encode(Title)).Append("\">\n");
        }

        if (StructuredData is not null)
        {
            html.Append("<script type=\"application/ld+json\">").Append(StructuredData.ToJsonString(LdJson)).Append("</script>\n");
        }

        return html.ToString();
    }

    /// <summary>Plain text on one line, cut at a word boundary with an ellipsis when longer than <paramref name="length"/>.</summary>
    public static string Cut(string text, int length = DescriptionLength)
    {
        var plain = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (plain.Length <= length)
        {
            return plain;
        }

        var space = plain.LastIndexOf(' ', length - 1);
        var cut = space > length / 2 ? plain[..space] : plain[..(length - 1)];
        return cut.TrimEnd(',', ';', ':', '.', '-', ' ') + "\u2026";
    }

    /// <summary>ISO 8601 duration, as schema.org wants it: <c>PT1H2M3S</c>.</summary>
    public static string Duration(double seconds)
    {
        var total = (long)Math.Round(Math.Max(seconds, 0));
        var text = new StringBuilder("PT");
        if (total >= 3600)
        {
            text.Append(CultureInfo.InvariantCulture, $"{total / 3600}H");
        }

        if (total % 3600 >= 60)
        {
            text.Append(CultureInfo.InvariantCulture, $"{total % 3600 / 60}M");
        }

        if (total % 60 > 0 || total == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{total % 60}S");
        }

        return text.ToString();
    }

    private static void Media(StringBuilder html, string property, CardMedia media)
    {
        Meta(html, "property", property, media.Url);
        if (media.Url.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
        {
            Meta(html, "property", property + ":secure_url", media.Url);
        }

        Meta(html, "property", property + ":type", media.Type);
        if (media.Width is { } width && media.Height is { } height)
        {
            Meta(html, "property", property + ":width", width.ToString(CultureInfo.InvariantCulture));
            Meta(html, "property", property + ":height", height.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Meta(StringBuilder html, string attribute, string name, string content) =>
        html.Append("<meta ").Append(attribute).Append("=\"").Append(name).Append("\" content=\"").Append(Encode(content)).Append("\">\n");

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
