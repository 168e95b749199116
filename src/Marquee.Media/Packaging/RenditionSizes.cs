using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Marquee.Media.Ladder;

namespace Marquee.Media.Packaging;

/// <summary>
/// The picture size of each video representation of a package, read from its DASH MPD (whose representation ids
/// are the numbers in the rendition files' names, see <see cref="Transcoding.OutputLayout.TryParseRendition"/>),
/// so the edge and the origin can refuse the files of a rendition above a viewer's plan. Representations without
/// a picture (audio, text) are not listed: nothing limits them. Every package we ever published has its MPD, so
/// older ladders are covered by the same rule.
/// </summary>
public sealed class RenditionSizes
{
    private readonly Dictionary<int, (int Width, int Height)> video;
    private readonly (int Width, int Height) smallest;

    private RenditionSizes(Dictionary<int, (int Width, int Height)> video)
    {
        this.video = video;
        smallest = QualityLimit.Smallest(video.Values);
    }

    /// <summary>A package without an MPD (not one of ours): no video renditions to limit.</summary>
    public static RenditionSizes None { get; } = new([]);

    public int Count => video.Count;

    /// <summary>Reads the video representations' sizes; throws <see cref="FormatException"/> for an MPD that is not XML.</summary>
    public static RenditionSizes FromMpd(ReadOnlySpan<byte> mpd)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(mpd.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException("The MPD is not XML: " + e.Message, e);
        }

        var ns = document.Root?.Name.Namespace ?? XNamespace.None;
        var video = new Dictionary<int, (int, int)>();
        foreach (var representation in document.Descendants(ns + "Representation"))
        {
            if (int.TryParse((string?)representation.Attribute("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && (int?)representation.Attribute("width") is > 0 and var width
                && (int?)representation.Attribute("height") is > 0 and var height)
            {
                video[id] = (width, height);
            }
        }

        return new RenditionSizes(video);
    }

    /// <summary>Whether a viewer limited to <paramref name="maxLines"/> (0: no limit) may have representation <paramref name="id"/>.</summary>
    public bool Allows(int id, int maxLines) =>
        !video.TryGetValue(id, out var size) || QualityLimit.Allows(maxLines, size, smallest);
}
