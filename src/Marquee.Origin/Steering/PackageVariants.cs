using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<string, (IReadOnlyList<string> Variants, IReadOnlyList<string> Renditions)> known = new(StringComparer.Ordinal);

    /// <param name="prefix"><c>/media/{asset}/v{n}/</c>, as a token names it.</param>
    public async Task<(IReadOnlyList<string> Variants, IReadOnlyList<string> Renditions)> ForAsync(string prefix, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(prefix, out var cached))
        {
            return cached;
        }

        await using var stored = await store.OpenReadAsync(prefix[1..] + OutputLayout.HlsMultivariant, cancellationToken);
        if (stored is null)
        {
            return ([], []);
        }

        using var reader = new StreamReader(stored.Content);
        var lines = (await reader.ReadToEndAsync(cancellationToken)).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var variants = lines.Where((l, i) => i > 0 && l.Length > 0 && l[0] != '#' && lines[i - 1].StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)).ToList();
        var renditions = lines.Where(l => l.StartsWith("#EXT-X-MEDIA:", StringComparison.Ordinal)).Select(l => UriAttribute().Match(l))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        if (known.Count >= Kept)
        {
            known.Clear();
        }

        known[prefix] = (variants, renditions);
        return (variants, renditions);
    }

    [GeneratedRegex("URI=\"([^\"]*)\"")]
    private static partial Regex UriAttribute();
}
