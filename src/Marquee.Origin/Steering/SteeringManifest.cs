using System.Text.Json.Serialization;

namespace Marquee.Origin.Steering;

/// <summary>The steering manifest's JSON, with the upper-case names the HLS specification gives its fields.</summary>
public sealed record SteeringManifest(
    [property: JsonPropertyName("VERSION")] int Version,
    [property: JsonPropertyName("TTL")] int Ttl,
    [property: JsonPropertyName("RELOAD-URI")] string ReloadUri,
    [property: JsonPropertyName("PATHWAY-PRIORITY")] IReadOnlyList<string> PathwayPriority,
    [property: JsonPropertyName("PATHWAY-CLONES")] IReadOnlyList<PathwayClone> PathwayClones);
