using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Marquee.Media.Storage;
using Marquee.Media.Transcoding;

namespace Marquee.Origin.Steering;

/// <summary>
/// The variant and rendition URIs of a published package's multivariant playlist, which are also their stable
/// ids in the playlists edges hand out: the steering server needs them to give each pathway whole URIs. Read
/// from the object store once per package version (versions are immutable) and kept for a bounded number of them.
/// </summary>
public sealed partial class PackageVariants(IObjectStore store)
{
    private const int Kept = 2048;

    private readonly ConcurrentDictionary<string, Package> known = new(StringComparer.Ordinal);

    /// <param name="Variants">The variant playlists' URIs, in the playlist's order.</param>
    /// <param name="Heights">Each variant's height from its <c>RESOLUTION</c> (0 when it gives none), in the same order.</param>
    /// <param name="Renditions">The <c>#EXT-X-MEDIA</c> renditions' URIs.</param>
    /// <param name="DefaultAudio">The URI of the audio rendition marked <c>DEFAULT=YES</c>, if any.</param>
    public sealed record Package(IReadOnlyList<string> Variants, IReadOnlyList<int> Heights, IReadOnlyList<string> Renditions, string? DefaultAudio);

    /// <param name="prefix"><c>/media/{asset}/v{n}/</c>, as a token names it.</param>
    public async Task<(IReadOnlyList<string> Variants, IReadOnlyList<string> Renditions)> ForAsync(string prefix, CancellationToken cancellationToken)
    {
        var package = await PackageAsync(prefix, cancellationToken);
        return (package.Variants, package.Renditions);
    }

    /// <param name="prefix"><c>/media/{asset}/v{n}/</c>, as a token names it.</param>
    public async Task<Package> PackageAsync(string prefix, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(prefix, out var cached))
        {
            return cached;
        }

        await using var stored = await store.OpenReadAsync(prefix[1..] + OutputLayout.HlsMultivariant, cancellationToken);
        if (stored is null)
        {
            return new Package([], [], [], null);
        }

        using var reader = new StreamReader(stored.Content);
        var lines = (await reader.ReadToEndAsync(cancellationToken)).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var streams = lines.Select((l, i) => i).Where(i => i > 0 && lines[i].Length > 0 && lines[i][0] != '#' && lines[i - 1].StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)).ToList();
        var media = lines.Where(l => l.StartsWith("#EXT-X-MEDIA:", StringComparison.Ordinal)).ToList();
        var package = new Package(
            [.. streams.Select(i => lines[i])],
            [.. streams.Select(i => Resolution().Match(lines[i - 1]) is { Success: true } size ? int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture) : 0)],
            [.. media.Select(l => UriAttribute().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)],
            media.Where(l => l.Contains("TYPE=AUDIO", StringComparison.Ordinal) && l.Contains("DEFAULT=YES", StringComparison.Ordinal))
                .Select(l => UriAttribute().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).FirstOrDefault());
        if (known.Count >= Kept)
        {
            known.Clear();
        }

        known[prefix] = package;
        return package;
    }

    [GeneratedRegex(@"RESOLUTION=\d+x(\d{1,5})")]
    private static partial Regex Resolution();

    [GeneratedRegex("URI=\"([^\"]*)\"")]
    private static partial Regex UriAttribute();
}
