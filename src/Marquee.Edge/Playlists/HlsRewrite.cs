using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Marquee.Edge.Tokens;
using Marquee.Media.Ladder;

namespace Marquee.Edge.Playlists;

/// <summary>HLS (RFC 8216) playlists: token on every URI line and URI attribute, variants above the plan's box dropped.</summary>
internal static partial class HlsRewrite
{
    public static string Apply(string text, string token, PlaybackClaims claims, SteeringTarget? steering)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var smallest = QualityLimit.Smallest(lines.Where(IsVariant).Select(Size));
        var multivariant = lines.Any(IsVariant);
        var output = new StringBuilder(text.Length + 512);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line[0] != '#')
            {
                output.Append(PlaylistRewriter.WithToken(line, token)).Append('\n');
                continue;
            }

            if (IsVariant(line))
            {
                var uri = i + 1 < lines.Count && lines[i + 1][0] != '#' ? lines[i + 1] : null;
                if (!QualityLimit.Allows(claims.MaxHeight, Size(line), smallest))
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

    private static bool IsVariant(string line) => line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal);

    /// <summary>A variant's RESOLUTION; (0, 0) when it has none, which no limit refuses.</summary>
    private static (int Width, int Height) Size(string streamInf)
    {
        var match = Resolution().Match(streamInf);
        return match.Success
            ? (int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture))
            : (0, 0);
    }

    [GeneratedRegex("URI=\"([^\"]*)\"")]
    private static partial Regex UriAttribute();

    [GeneratedRegex("RESOLUTION=(\\d{1,5})x(\\d{1,5})")]
    private static partial Regex Resolution();
}
