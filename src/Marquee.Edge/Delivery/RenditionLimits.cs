using System.Collections.Concurrent;
using Marquee.Edge.Tokens;
using Marquee.Media.Packaging;
using Marquee.Media.Transcoding;

namespace Marquee.Edge.Delivery;

/// <summary>
/// The plan's quality limit at the edge: a viewer whose token carries a maximum height gets 403 for every playlist,
/// init segment and media segment of a video rendition above it, whether or not the object is cached, for HLS and
/// DASH alike (one set of files serves both). Audio, subtitles, manifests, posters and thumbnails are not
/// rendition files and pass. Each package's rendition sizes come from its MPD, read once through the cache and
/// kept for the package's life (versions are immutable); the check on a hit is a name parse and a lookup.
/// </summary>
internal sealed class RenditionLimits(ObjectReader reader)
{
    // Packages whose sizes are kept; at the bound the set starts again (a burst of MPD reads, nothing worse).
    private const int MaxPackages = 4096;
    private const int MaxMpdBytes = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, RenditionSizes> packages = new(StringComparer.Ordinal);

    /// <summary>Null when the request may go on; otherwise why not (403), or that the MPD could not be read (502/504).</summary>
    /// <param name="path">The request path, <c>/media/…/{file}</c>.</param>
    public ValueTask<RenditionRefusal?> CheckAsync(PlaybackClaims claims, string path, CancellationToken cancellationToken)
    {
        var slash = path.LastIndexOf('/');
        if (claims.MaxHeight <= 0 || !OutputLayout.TryParseRendition(path.AsSpan(slash + 1), out var id))
        {
            return ValueTask.FromResult<RenditionRefusal?>(null);
        }

        var folder = path.AsSpan(0, slash + 1);
        if (packages.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(folder, out var sizes))
        {
            return ValueTask.FromResult(Judge(sizes, id, claims.MaxHeight));
        }

        return LoadAndJudgeAsync(folder.ToString(), id, claims.MaxHeight, cancellationToken);
    }

    /// <summary>
    /// The same rule without waiting, for the fast path: true when the request may go on, false when it may not or
    /// the package's sizes are not known yet (the request then takes the whole way, which loads them or refuses).
    /// </summary>
    public bool AllowsKnown(PlaybackClaims claims, ReadOnlySpan<char> path)
    {
        var slash = path.LastIndexOf('/');
        if (claims.MaxHeight <= 0 || !OutputLayout.TryParseRendition(path[(slash + 1)..], out var id))
        {
            return true;
        }

        return packages.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(path[..(slash + 1)], out var sizes) && sizes.Allows(id, claims.MaxHeight);
    }

    private async ValueTask<RenditionRefusal?> LoadAndJudgeAsync(string folder, int id, int maxHeight, CancellationToken cancellationToken)
    {
        RenditionSizes sizes;
        try
        {
            var mpd = await reader.ReadAllAsync(folder[1..] + OutputLayout.Dash, MaxMpdBytes, cancellationToken);
            sizes = mpd is null ? RenditionSizes.None : RenditionSizes.FromMpd(mpd);
        }
        catch (UpstreamFailedException e)
        {
            return RenditionRefusal.Upstream(e.Status, "The package's renditions could not be read: " + e.Message);
        }
        catch (FormatException e)
        {
            return RenditionRefusal.Upstream(Fill.FillStatus.BadGateway, "The package's MPD could not be read: " + e.Message);
        }

        if (packages.Count >= MaxPackages)
        {
            packages.Clear();
        }

        packages[folder] = sizes;
        return Judge(sizes, id, maxHeight);
    }

    private static RenditionRefusal? Judge(RenditionSizes sizes, int id, int maxHeight) =>
        sizes.Allows(id, maxHeight) ? null : RenditionRefusal.AbovePlan(maxHeight);
}
