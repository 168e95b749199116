using Marquee.Edge.Playlists;
using Marquee.Origin.Playback;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Steering;

/// <summary>Where this control plane's Content Steering endpoint is, as players and edges must address it.</summary>
public sealed class SteeringTargets(IOptions<PlaybackOptions> options)
{
    public const string Path = "/api/v1/steering/";

    /// <summary>The origin's public base URL: configured, or the one this request came in on.</summary>
    public string OriginBase(HttpContext context) =>
        (string.IsNullOrWhiteSpace(options.Value.OriginUrl) ? $"{context.Request.Scheme}://{context.Request.Host}" : options.Value.OriginUrl).TrimEnd('/');

    public Uri ServerUri(HttpContext context) => new(OriginBase(context) + Path);

    public SteeringTarget For(HttpContext context, string pathwayId) => new(ServerUri(context), pathwayId);
}
