using System.Text.Json.Serialization;

namespace Marquee.Origin.Steering;

/// <param name="Host">Host and port, as in a URI's authority.</param>
public sealed record UriReplacement([property: JsonPropertyName("HOST")] string Host);
