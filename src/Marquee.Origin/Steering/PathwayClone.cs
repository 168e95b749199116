using System.Text.Json.Serialization;

namespace Marquee.Origin.Steering;

/// <summary>A pathway made from the playlist's own by replacing the host of every URI.</summary>
public sealed record PathwayClone(
    [property: JsonPropertyName("BASE-ID")] string BaseId,
    [property: JsonPropertyName("ID")] string Id,
    [property: JsonPropertyName("URI-REPLACEMENT")] UriReplacement UriReplacement);
