using System.Globalization;
using System.Xml.Linq;

namespace Marquee.Media.Packaging;

/// <summary>Reads and amends the DASH MPD ffmpeg writes over the same segments as the HLS playlists.</summary>
public static class DashManifest
{
    private static readonly XNamespace Mpd = "urn:mpeg:dash:schema:mpd:2011";

    /// <summary>Representation id → RFC 6381 codec string, as ffmpeg computed it from the encoded streams.</summary>
    public static IReadOnlyDictionary<string, string> Codecs(string mpdText)
    {
        var document = XDocument.Parse(mpdText);
        return document.Descendants(Mpd + "Representation")
            .Where(r => r.Attribute("id") is not null && r.Attribute("codecs") is not null)
            .ToDictionary(r => r.Attribute("id")!.Value, r => r.Attribute("codecs")!.Value, StringComparer.Ordinal);
    }

    /// <summary>Adds one text adaptation set per subtitle file and drops the empty elements ffmpeg leaves.</summary>
    public static string AddSubtitles(string mpdText, IReadOnlyList<SubtitleTrack> subtitles)
    {
        var document = XDocument.Parse(mpdText);
        foreach (var empty in document.Root!.Elements().Where(e => e.Name.LocalName is "ProgramInformation" or "ServiceDescription" && !e.HasElements && !e.HasAttributes).ToList())
        {
            empty.Remove();
        }

        var period = document.Root!.Element(Mpd + "Period") ?? throw new InvalidOperationException("The MPD has no Period.");
        var nextId = period.Elements(Mpd + "AdaptationSet").Count();
        foreach (var subtitle in subtitles)
        {
            period.Add(new XElement(Mpd + "AdaptationSet",
                new XAttribute("id", (nextId++).ToString(CultureInfo.InvariantCulture)),
                new XAttribute("contentType", "text"),
                new XAttribute("mimeType", "text/vtt"),
                new XAttribute("lang", subtitle.Language),
                new XElement(Mpd + "Role", new XAttribute("schemeIdUri", "urn:mpeg:dash:role:2011"), new XAttribute("value", "subtitle")),
                new XElement(Mpd + "Representation",
                    new XAttribute("id", "subtitles-" + subtitle.Language),
                    new XAttribute("bandwidth", "256"),
                    new XElement(Mpd + "BaseURL", Transcoding.OutputLayout.SubtitleFile(subtitle.Language)))));
        }

        return document.Declaration + "\n" + document.ToString();
    }
}
