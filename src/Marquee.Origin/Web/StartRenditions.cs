using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Marquee.Media.Storage;

namespace Marquee.Origin.Web;

/// <summary>
/// Which media playlists a player starts on, read from a package's multivariant playlist: the video rendition the
/// page tells hls.js to start with and the default audio. The player page preloads both with the page, so hls.js
/// finds them in hand instead of asking the edge once it has read the multivariant playlist.
/// </summary>
/// <remarks>
/// The start is the shortest rendition at least <see cref="StartHeight"/> lines tall (the one hls.js picked on its
/// own in bench/ttff, from its 500 kbit/s first estimate), within the plan's box; its bandwidth estimate takes over
/// from the first segment on. A published version is never written again, so each package's answer is read once.
/// </remarks>
public sealed partial class StartRenditions(IObjectStore store)
{
    public const int StartHeight = 360;

    private readonly ConcurrentDictionary<string, Package> packages = new(StringComparer.Ordinal);

    /// <param name="Video">The video rendition's playlist, e.g. <c>media_1.m3u8</c>.</param>
    /// <param name="Audio">The default audio rendition's playlist, if the package has one apart from the video.</param>
    public sealed record Start(string Video, string? Audio);

    /// <summary>The start for a package's multivariant playlist (its store key) under a plan box of <paramref name="maxHeight"/> lines (0: none); null when it cannot be read.</summary>
    public async Task<Start?> ForAsync(string masterKey, int maxHeight, CancellationToken cancellationToken)
    {
        if (!packages.TryGetValue(masterKey, out var package))
        {
            package = await ReadAsync(masterKey, cancellationToken);
            if (package is null)
            {
                return null;
            }

            if (packages.Count > 10_000)
            {
                packages.Clear();
            }

            packages[masterKey] = package;
        }

        var allowed = package.Variants.Where(v => maxHeight <= 0 || v.Height <= maxHeight).ToList();
        if (allowed.Count == 0)
        {
            return null;
        }

        var video = allowed.Where(v => v.Height >= StartHeight).OrderBy(v => v.Height).FirstOrDefault() ?? allowed.MaxBy(v => v.Height)!;
        return new Start(video.Uri, package.Audio);
    }

    internal static Package? Parse(string text)
    {
        var variants = new List<Variant>();
        string? audio = null;
        var lines = text.Split('\n', StringSplitOptions.TrimEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("#EXT-X-MEDIA:", StringComparison.Ordinal) && line.Contains("TYPE=AUDIO", StringComparison.Ordinal)
                && line.Contains("DEFAULT=YES", StringComparison.Ordinal) && Uri().Match(line) is { Success: true } media)
            {
                audio ??= media.Groups[1].Value;
            }
            else if (line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal) && i + 1 < lines.Length
                && Resolution().Match(line) is { Success: true } size && IsPlaylistName(lines[i + 1]))
            {
                variants.Add(new Variant(lines[i + 1], int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture)));
            }
        }

        return variants.Count == 0 ? null : new Package(variants, audio is not null && IsPlaylistName(audio) ? audio : null);
    }

    /// <summary>A plain file name next to the multivariant playlist: nothing that could point elsewhere or break out of an attribute.</summary>
    private static bool IsPlaylistName(string uri) => PlaylistName().IsMatch(uri);

    private async Task<Package?> ReadAsync(string masterKey, CancellationToken cancellationToken)
    {
        await using var stored = await store.OpenReadAsync(masterKey, cancellationToken);
        if (stored is null || stored.Info.Length > 64 * 1024)
        {
            return null;
        }

        using var reader = new StreamReader(stored.Content);
        return Parse(await reader.ReadToEndAsync(cancellationToken));
    }

    internal sealed record Variant(string Uri, int Height);

    internal sealed record Package(IReadOnlyList<Variant> Variants, string? Audio);

    [GeneratedRegex("URI=\"([^\"]+)\"")]
    private static partial Regex Uri();

    [GeneratedRegex(@"RESOLUTION=\d+x(\d{1,5})")]
    private static partial Regex Resolution();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\.m3u8$")]
    private static partial Regex PlaylistName();
}
