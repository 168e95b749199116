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
        var lines = text.Split('\n');
        var allowedHeight = AllowedHeight(lines, claims.MaxHeight);
        var multivariant = lines.Any(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal));
        var output = new StringBuilder(text.Length + 512);
        var skipNextUri = false;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] != '#')
            {
                if (!skipNextUri)
                {
                    output.Append(PlaylistRewriter.WithToken(line, token)).Append('\n');
                }

                skipNextUri = false;
                continue;
            }

            if (line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            {
                if (Height(line) > allowedHeight)
                {
                    skipNextUri = true;
                    continue;
                }

                if (steering is not null)
                {
                    line += ",PATHWAY-ID=\"" + steering.PathwayId + "\"";
                }
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

    /// <summary>The plan's height, or the smallest rendition when the plan allows none of them (a viewer always gets one).</summary>
    private static int AllowedHeight(string[] lines, int maxHeight)
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
