using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Marquee.Edge.Tokens;

namespace Marquee.Edge.Playlists;

/// <summary>HLS (RFC 8216) playlists: token on every URI line and URI attribute, variants above the plan dropped.</summary>
internal static partial class HlsRewrite
{
    public static string Apply(string text, string token, PlaybackClaims claims, SteeringTarget? steering)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var allowedHeight = AllowedHeight(lines, claims.MaxHeight);
        var multivariant = lines.Any(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal));
        var output = new StringBuilder(text.Length + 512);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line[0] != '#')
            {
                output.Append(PlaylistRewriter.WithToken(line, token)).Append('\n');
                continue;
            }

            if (line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            {
                var uri = i + 1 < lines.Count && lines[i + 1][0] != '#' ? lines[i + 1] : null;
                if (Height(line) > allowedHeight)
                {
                    i += uri is null ? 0 : 1;
                    continue;
                }

                if (steering is not null && uri is not null)
                {
                    line += $",PATHWAY-ID=\"{steering.PathwayId}\"" + StableId("STABLE-VARIANT-ID", uri);
                }
            }
            else if (steering is not null && line.StartsWith("#EXT-X-MEDIA:", StringComparison.Ordinal) && UriAttribute().Match(line) is { Success: true } media)
            {
                line += StableId("STABLE-RENDITION-ID", media.Groups[1].Value);
            }

            output.Append(UriAttribute().Replace(line, m => "URI=\"" + PlaylistRewriter.WithToken(m.Groups[1].Value, token) + "\"")).Append('\n');
            if (multivariant && steering is not null && line.StartsWith("#EXT-X-VERSION", StringComparison.Ordinal))
            {
                var server = PlaylistRewriter.WithToken(new Uri(steering.ServerUri, claims.Session + "/" + steering.PathwayId).AbsoluteUri, token);
                output.Append(CultureInfo.InvariantCulture, $"#EXT-X-CONTENT-STEERING:SERVER-URI=\"{server}\",PATHWAY-ID=\"{steering.PathwayId}\"\n");
            }
        }

        return output.ToString();
    }

    /// <summary>
    /// The variant's (or rendition's) own URI as its stable id, so the steering server can give every other pathway
    /// a whole URI per variant (hls.js replaces only the host name, never the port, in a plain host replacement).
    /// </summary>
    private static string StableId(string attribute, string uri) =>
        IsStableId(uri) ? $",{attribute}=\"{uri}\"" : "";

    internal static bool IsStableId(string value) => value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/');

    /// <summary>The plan's height, or the smallest rendition when the plan allows none of them (a viewer always gets one).</summary>
    private static int AllowedHeight(List<string> lines, int maxHeight)
    {
        if (maxHeight <= 0)
        {
            return int.MaxValue;
        }

        var heights = lines.Where(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)).Select(Height).ToList();
        return heights.Count == 0 || heights.Any(h => h <= maxHeight) ? maxHeight : heights.Min();
    }

    private static int Height(string streamInf)
    {
        var match = Resolution().Match(streamInf);
        return match.Success ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("URI=\"([^\"]*)\"")]
    private static partial Regex UriAttribute();

    [GeneratedRegex("RESOLUTION=\\d+x(\\d+)")]
    private static partial Regex Resolution();
}
