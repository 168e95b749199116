using Marquee.Edge.Tokens;

namespace Marquee.Edge.Playlists;

/// <summary>
/// Turns a cached playlist into the one a viewer receives: the viewer's token added to every URI, and renditions
/// above the viewer's plan removed. The cache keeps the untouched original, shared by every viewer.
/// </summary>
public sealed class PlaylistRewriter
{
    public static bool IsPlaylist(string key) =>
        key.EndsWith(".m3u8", StringComparison.Ordinal) || key.EndsWith(".mpd", StringComparison.Ordinal);

    public byte[] Rewrite(string key, ReadOnlySpan<byte> original, string token, PlaybackClaims claims) => original.ToArray();
}
