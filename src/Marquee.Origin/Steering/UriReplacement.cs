using System.Text.Json.Serialization;

namespace Marquee.Origin.Steering;

/// <param name="Host">The host name (players keep the port of the original URI, so this alone suits edges on port 443).</param>
/// <param name="PerVariantUris">Whole URIs by STABLE-VARIANT-ID: these carry the port too, so edges on one host with different ports work.</param>
/// <param name="PerRenditionUris">The same for audio and subtitle renditions, by STABLE-RENDITION-ID.</param>
public sealed record UriReplacement(
    [property: JsonPropertyName("HOST")] string Host,
    [property: JsonPropertyName("PER-VARIANT-URIS")] IReadOnlyDictionary<string, string> PerVariantUris,
    [property: JsonPropertyName("PER-RENDITION-URIS")] IReadOnlyDictionary<string, string> PerRenditionUris);
