namespace Marquee.Edge.Tokens;

/// <summary>
/// What a playback token allows: objects under one asset version's path prefix, until a time, on edges of the
/// named regions, for one playback session, up to a rendition height (0 for no limit).
/// </summary>
/// <param name="PathPrefix">For example <c>/media/3a94fc793ee6afd1/v1/</c>; always ends with a slash.</param>
/// <param name="Regions">Region ids whose edges accept the token; the origin accepts any.</param>
/// <param name="Download">
/// The token fetches an offline download (one rung, saved by the app) rather than a stream: edges count its bytes
/// apart, and never answer it on the fast path, which counts only streams.
/// </param>
public sealed record PlaybackClaims(string PathPrefix, DateTimeOffset ExpiresAt, IReadOnlyList<string> Regions, string Session, int MaxHeight, bool Download = false)
{
    public bool Covers(string path) => path.StartsWith(PathPrefix, StringComparison.Ordinal);

    public bool AllowsRegion(string region) => Regions.Contains(region, StringComparer.Ordinal);
}
