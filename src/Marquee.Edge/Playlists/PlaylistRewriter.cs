using System.Text;
using Marquee.Edge.Tokens;

namespace Marquee.Edge.Playlists;

/// <summary>
/// Turns a cached playlist into the one a viewer receives: the viewer's token added to every URI, renditions
/// above the viewer's plan removed, and (for the HLS multivariant playlist) Content Steering pointing at the
/// control plane. The cache keeps the untouched original, shared by every viewer; what this returns is private.
/// </summary>
public sealed class PlaylistRewriter
{
    private volatile SteeringTarget? steering;

    /// <summary>Where players ask which pathway to use, and this edge's pathway id; null until the control plane said.</summary>
    public void UseSteering(SteeringTarget? target) => steering = target;

    public static bool IsPlaylist(string key) =>
        key.EndsWith(".m3u8", StringComparison.Ordinal) || key.EndsWith(".mpd", StringComparison.Ordinal);

    public byte[] Rewrite(string key, ReadOnlySpan<byte> original, string token, PlaybackClaims claims)
    {
        var text = Encoding.UTF8.GetString(original);
        var rewritten = key.EndsWith(".mpd", StringComparison.Ordinal)
            ? DashRewrite.Apply(text, token, claims.MaxHeight)
            : HlsRewrite.Apply(text, token, claims, steering);
        return Encoding.UTF8.GetBytes(rewritten);
    }

    internal static string WithToken(string uri, string token) =>
        uri + (uri.Contains('?', StringComparison.Ordinal) ? "&token=" : "?token=") + token;
}
