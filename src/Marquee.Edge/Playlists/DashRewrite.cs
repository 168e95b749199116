using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Marquee.Media.Ladder;

namespace Marquee.Edge.Playlists;

/// <summary>DASH MPDs: token on segment templates and base URLs, representations above the plan's box dropped.</summary>
internal static class DashRewrite
{
    public static string Apply(string text, string token, int maxHeight)
    {
        var document = XDocument.Parse(text, LoadOptions.PreserveWhitespace);
        var ns = document.Root?.Name.Namespace ?? XNamespace.None;
        foreach (var set in document.Descendants(ns + "AdaptationSet").ToList())
        {
            DropTallRepresentations(set, ns, maxHeight);
        }

        foreach (var template in document.Descendants(ns + "SegmentTemplate"))
        {
            foreach (var name in new[] { "initialization", "media" })
            {
                if (template.Attribute(name) is { } attribute)
                {
                    attribute.Value = PlaylistRewriter.WithToken(attribute.Value, token);
                }
            }
        }

        foreach (var baseUrl in document.Descendants(ns + "BaseURL"))
        {
            baseUrl.Value = PlaylistRewriter.WithToken(baseUrl.Value, token);
        }

        // Through bytes, not a StringBuilder: a string writer would declare the document UTF-16.
        using var output = new MemoryStream(text.Length + 256);
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
    }

    /// <summary>Representations above the plan's box go (<see cref="QualityLimit"/>: the same rule the edge refuses their files by).</summary>
    private static void DropTallRepresentations(XElement set, XNamespace ns, int maxHeight)
    {
        var representations = set.Elements(ns + "Representation")
            .Select(r => (Element: r, Size: ((int?)r.Attribute("width") ?? 0, (int?)r.Attribute("height") ?? 0)))
            .Where(r => r.Size.Item1 > 0 && r.Size.Item2 > 0)
            .ToList();
        if (maxHeight <= 0 || representations.Count == 0)
        {
            return;
        }

        var smallest = QualityLimit.Smallest(representations.Select(r => r.Size));
        var kept = new List<(int Width, int Height)>();
        foreach (var (element, size) in representations)
        {
            if (QualityLimit.Allows(maxHeight, size, smallest))
            {
                kept.Add(size);
            }
            else
            {
                element.Remove();
            }
        }

        if (set.Attribute("maxHeight") is not null)
        {
            set.SetAttributeValue("maxHeight", kept.Max(k => k.Height).ToString(CultureInfo.InvariantCulture));
        }

        if (set.Attribute("maxWidth") is not null)
        {
            set.SetAttributeValue("maxWidth", kept.Max(k => k.Width).ToString(CultureInfo.InvariantCulture));
        }
    }
}
