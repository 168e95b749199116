using System.Collections.Concurrent;
using Marquee.Media.Packaging;
using Marquee.Media.Storage;
using Marquee.Media.Transcoding;

namespace Marquee.Origin.Delivery;

/// <summary>
/// The video rendition sizes of published packages, read from each one's MPD in the object store once (versions
/// are immutable) and kept for a bounded number of them, so the origin, as a viewer's last pathway, refuses the
/// files of renditions above the viewer's plan by the same rule as the edges.
/// </summary>
public sealed class PackageRenditions(IObjectStore store)
{
    private const int Kept = 2048;
    private const int MaxMpdBytes = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, RenditionSizes> known = new(StringComparer.Ordinal);

    /// <param name="folder">The package's key prefix, <c>media/{asset}/v{n}/</c>.</param>
    public async Task<RenditionSizes> ForAsync(string folder, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(folder, out var cached))
        {
            return cached;
        }

        var sizes = RenditionSizes.None;
        await using (var stored = await store.OpenReadAsync(folder + OutputLayout.Dash, cancellationToken))
        {
            if (stored is not null)
            {
                if (stored.Info.Length > MaxMpdBytes)
                {
                    throw new InvalidDataException($"The MPD of '{folder}' is larger than {MaxMpdBytes} bytes.");
                }

                using var buffer = new MemoryStream();
                await stored.Content.CopyToAsync(buffer, cancellationToken);
                sizes = RenditionSizes.FromMpd(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }
        }

        if (known.Count >= Kept)
        {
            known.Clear();
        }

        known[folder] = sizes;
        return sizes;
    }
}
