using System.Text.RegularExpressions;
using Marquee.Origin.Steering;

namespace Marquee.Origin.Web;

/// <summary>
/// Which media playlists a player starts on, from a package's multivariant playlist (as <see cref="PackageVariants"/>
/// reads it, once per version): the video rendition the page tells hls.js to start with and the default audio. The
/// player page preloads both with the page, so hls.js finds them in hand instead of asking the edge once it has read
/// the multivariant playlist.
/// </summary>
/// <remarks>
/// The start is the shortest rendition at least <see cref="StartHeight"/> lines tall (the one hls.js picked on its
/// own in bench/ttff, from its 500 kbit/s first estimate), within the plan's box; its bandwidth estimate takes over
/// from the first segment on. Only plain file names next to the multivariant playlist are used.
/// </remarks>
public sealed partial class StartRenditions(PackageVariants packages)
{
    public const int StartHeight = 360;

    /// <param name="Video">The video rendition's playlist, e.g. <c>media_1.m3u8</c>.</param>
    /// <param name="Audio">The default audio rendition's playlist, if the package has one apart from the video.</param>
    public sealed record Start(string Video, string? Audio);

    /// <summary>The start for a package (<c>/media/{asset}/v{n}/</c>) under a plan box of <paramref name="maxHeight"/> lines (0: none); null when there is none.</summary>
    public async Task<Start?> ForAsync(string prefix, int maxHeight, CancellationToken cancellationToken)
    {
        var package = await packages.PackageAsync(prefix, cancellationToken);
        var allowed = package.Variants.Zip(package.Heights)
            .Where(v => v.Second > 0 && IsPlaylistName(v.First) && (maxHeight <= 0 || v.Second <= maxHeight)).ToList();
        if (allowed.Count == 0)
        {
            return null;
        }

        var video = allowed.Where(v => v.Second >= StartHeight).OrderBy(v => v.Second).Select(v => v.First).FirstOrDefault()
            ?? allowed.MaxBy(v => v.Second).First;
        return new Start(video, package.DefaultAudio is { } audio && IsPlaylistName(audio) ? audio : null);
    }

    /// <summary>A plain file name next to the multivariant playlist: nothing that could point elsewhere or break out of an attribute.</summary>
    private static bool IsPlaylistName(string uri) => PlaylistName().IsMatch(uri);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\.m3u8$")]
    private static partial Regex PlaylistName();
}
