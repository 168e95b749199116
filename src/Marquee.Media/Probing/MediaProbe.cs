using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Marquee.Media.Probing;

/// <summary>
/// Asks ffprobe what a file is. ffprobe may open only local files (<c>-protocol_whitelist file</c>) and only
/// the demuxers in <see cref="InputLimits.AllowedContainers"/> (<c>-format_whitelist</c>), so a playlist or
/// concat script is refused before it can name another file or a URL.
/// </summary>
public sealed partial class MediaProbe(IOptions<FfmpegOptions> ffmpeg, IOptions<InputLimits> limits)
{
    /// <summary>The arguments for probing <paramref name="path"/>, a server-generated absolute path.</summary>
    public IReadOnlyList<string> BuildArguments(string path) =>
    [
        "-v", "error",
        "-hide_banner",
        "-protocol_whitelist", "file",
        "-format_whitelist", string.Join(',', limits.Value.AllowedContainers),
        "-print_format", "json",
        "-show_format",
        "-show_streams",
        "-i", "file:" + Path.GetFullPath(path),
    ];

    /// <summary>Probes a file; refuses it with a specific reason when ffprobe cannot or may not read it.</summary>
    public async Task<ProbeResult> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var result = await ToolProcess.RunAsync(
            ffmpeg.Value.FfprobePath, BuildArguments(path), onStdoutLine: null, TimeSpan.FromSeconds(60), cancellationToken);
        if (result.ExitCode != 0)
        {
            var refused = NotOnWhitelist().Match(result.StderrTail);
            if (refused.Success)
            {
                throw new InputRefusedException(InputRefusal.ContainerNotAllowed(refused.Groups["format"].Value));
            }

            throw new InputRefusedException(InputRefusal.Unreadable(Describe(result.StderrTail)));
        }

        var claimed = ImpossibleSize().Match(result.StderrTail);
        if (claimed.Success)
        {
            // ffmpeg refuses to allocate such a picture and reports the stream as 0×0; name the claim instead.
            throw new InputRefusedException(InputRefusal.Limit("resolution-too-large", "The picture is too large",
                $"The video claims to be {claimed.Groups["w"].Value}×{claimed.Groups["h"].Value}; the limit is {limits.Value.MaxWidth}×{limits.Value.MaxHeight}."));
        }

        try
        {
            return Parse(result.Stdout);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputRefusedException(InputRefusal.Unreadable("its description could not be parsed"));
        }
    }

    internal static ProbeResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var format = root.GetProperty("format");
        var streams = new List<ProbeTrack>();
        if (root.TryGetProperty("streams", out var streamArray))
        {
            foreach (var s in streamArray.EnumerateArray())
            {
                streams.Add(ParseStream(s));
            }
        }

        return new ProbeResult(
            format.GetProperty("format_name").GetString() ?? "unknown",
            TimeSpan.FromSeconds(Math.Max(0, Double(format, "duration"))),
            (long)Double(format, "size"),
            streams);
    }

    private static ProbeTrack ParseStream(JsonElement s)
    {
        var (sarNum, sarDen) = Ratio(Text(s, "sample_aspect_ratio"), ':');
        var rotation = 0;
        if (s.TryGetProperty("side_data_list", out var sideData))
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out var r) && r.ValueKind == JsonValueKind.Number)
                {
                    rotation = (int)Math.Round(r.GetDouble());
                }
            }
        }

        if (rotation == 0 && s.TryGetProperty("tags", out var tags) && int.TryParse(Text(tags, "rotate"), CultureInfo.InvariantCulture, out var tagged))
        {
            rotation = tagged;
        }

        var attached = s.TryGetProperty("disposition", out var disposition)
            && disposition.TryGetProperty("attached_pic", out var pic) && pic.GetInt32() == 1;
        string? language = s.TryGetProperty("tags", out var streamTags) ? Text(streamTags, "language") : null;
        return new ProbeTrack(
            s.GetProperty("index").GetInt32(),
            Text(s, "codec_type") ?? "unknown",
            Text(s, "codec_name"),
            Int(s, "width"),
            Int(s, "height"),
            sarNum,
            sarDen,
            ((rotation % 360) + 360) % 360,
            Rate(Text(s, "avg_frame_rate")),
            Rate(Text(s, "r_frame_rate")),
            (long)Double(s, "nb_frames"),
            attached,
            Int(s, "channels"),
            language);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString() : null;

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : 0;

    private static double Double(JsonElement e, string name) =>
        double.TryParse(Text(e, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : 0;

    private static (int Num, int Den) Ratio(string? text, char separator)
    {
        var parts = (text ?? "").Split(separator);
        return parts.Length == 2
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var n)
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var d) && n > 0 && d > 0
            ? (n, d)
            : (1, 1);
    }

    private static double Rate(string? text)
    {
        var parts = (text ?? "").Split('/');
        return parts.Length == 2
            && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var n)
            && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var d) && d > 0
            ? n / d
            : 0;
    }

    /// <summary>ffprobe's complaints, without our file path and without its internal context prefixes.</summary>
    private static string Describe(string stderr)
    {
        var messages = new List<string>();
        foreach (var raw in stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var line = raw;
            var context = line.IndexOf("] ", StringComparison.Ordinal);
            if (line.StartsWith('[') && context > 0)
            {
                line = line[(context + 2)..];
            }
            else if (line.StartsWith("file:", StringComparison.Ordinal) && line.LastIndexOf(": ", StringComparison.Ordinal) is var colon and > 0)
            {
                line = line[(colon + 2)..];
            }

            line = line.TrimEnd('.');
            if (line.Length > 0 && !messages.Contains(line, StringComparer.Ordinal))
            {
                messages.Add(line);
            }
        }

        var text = messages.Count == 0 ? "no details" : string.Join("; ", messages);
        return text.Length > 240 ? text[..240] : text;
    }

    [GeneratedRegex(@"Picture size (?<w>[0-9]+)x(?<h>[0-9]+) is invalid")]
    private static partial Regex ImpossibleSize();

    [GeneratedRegex(@"\[(?<format>[A-Za-z0-9_,]+) @ [^\]]*\] Format not on whitelist")]
    private static partial Regex NotOnWhitelist();
}
