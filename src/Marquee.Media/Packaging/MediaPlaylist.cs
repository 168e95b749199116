using System.Globalization;

namespace Marquee.Media.Packaging;

/// <summary>An HLS media playlist as ffmpeg wrote it, made fit for video on demand.</summary>
internal static class MediaPlaylist
{
    /// <summary>
    /// Drops the wall-clock <c>#EXT-X-PROGRAM-DATE-TIME</c> lines ffmpeg's DASH muxer adds (they mean nothing
    /// for VOD and would differ between two encodes of the same file) and marks the playlist as VOD.
    /// </summary>
    public static string Clean(string text)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .Where(l => !l.StartsWith("#EXT-X-PROGRAM-DATE-TIME", StringComparison.Ordinal))
            .ToList();
        if (!lines.Any(l => l.StartsWith("#EXT-X-PLAYLIST-TYPE", StringComparison.Ordinal)))
        {
            var at = lines.FindIndex(l => l.StartsWith("#EXT-X-TARGETDURATION", StringComparison.Ordinal));
            lines.Insert(at < 0 ? 1 : at, "#EXT-X-PLAYLIST-TYPE:VOD");
        }

        if (!lines.Any(l => l.StartsWith("#EXT-X-ENDLIST", StringComparison.Ordinal)))
        {
            lines.RemoveAll(string.IsNullOrEmpty);
            lines.Add("#EXT-X-ENDLIST");
        }

        return string.Join('\n', lines).TrimEnd('\n') + "\n";
    }

    /// <summary>Segments in playlist order with their durations.</summary>
    public static IReadOnlyList<(string Uri, double Duration)> Segments(string text)
    {
        var result = new List<(string, double)>();
        double? pending = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                var value = line["#EXTINF:".Length..].Split(',')[0];
                pending = double.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (line.Length > 0 && !line.StartsWith('#') && pending is { } d)
            {
                result.Add((line, d));
                pending = null;
            }
        }

        return result;
    }

    /// <summary>Measures a rendition from its playlist and the sizes of its segments in <paramref name="folder"/>.</summary>
    public static RenditionStats Measure(string folder, string playlistText)
    {
        long peak = 0;
        long totalBytes = 0;
        double totalSeconds = 0;
        var segments = Segments(playlistText);
        foreach (var (uri, duration) in segments)
        {
            var bytes = new FileInfo(Path.Combine(folder, uri)).Length;
            totalBytes += bytes;
            totalSeconds += duration;
            // A short final segment says little about the bitrate; count it in the average only.
            if (duration >= 1 || segments.Count == 1)
            {
                peak = Math.Max(peak, (long)(bytes * 8 / Math.Max(duration, 0.001)));
            }
        }

        var average = totalSeconds > 0 ? (long)(totalBytes * 8 / totalSeconds) : 0;
        return new RenditionStats(Math.Max(peak, average), average, segments.Count, totalSeconds);
    }
}
