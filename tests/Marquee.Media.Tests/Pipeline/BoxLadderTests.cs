using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Marquee.Media.Transcoding;
using Marquee.TestSupport;

namespace Marquee.Media.Tests.Pipeline;

/// <summary>
/// The shapes of issue 13 through the real pipeline: what is packaged, what the manifests say, and what a decoder
/// shows. One second each at 24 fps and no audio: the sizes and aspect are the point, not the pictures.
/// </summary>
public sealed class BoxLadderTests
{
    private static readonly XNamespace Mpd = "urn:mpeg:dash:schema:mpd:2011";

    public static TheoryData<ClipSpec, string[]> Sources => new()
    {
        { Clip(1920, 800), ["426x178", "640x266", "854x356", "1280x534", "1920x800"] },
        { Clip(1998, 1080), ["426x230", "640x346", "854x462", "1280x692", "1920x1038", "1998x1080"] },
        { Clip(1920, 1038), ["426x230", "640x346", "854x462", "1280x692", "1920x1038"] },
        { Clip(1440, 1080), ["320x240", "480x360", "640x480", "960x720", "1440x1080"] },
        { Clip(1080, 1920), ["240x426", "360x640", "480x854", "720x1280", "1080x1920"] },
        { Clip(720, 576, "16:15"), ["320x240", "480x360", "640x480", "768x576"] },
        { Clip(720, 576, "64:45"), ["426x240", "640x360", "854x480", "1024x576"] },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Every_rung_is_in_both_manifests_and_decodes_at_its_size_with_the_source_aspect(ClipSpec spec, string[] expected)
    {
        var package = await TestPackages.BuildAsync(spec);

        Assert.Equal(expected, package.Renditions.Select(r => $"{r.Width}x{r.Height}"));
        var hls = HlsResolutions(await File.ReadAllTextAsync(Path.Combine(package.Folder, OutputLayout.HlsMultivariant)));
        var dash = DashSizes(await File.ReadAllTextAsync(Path.Combine(package.Folder, OutputLayout.Dash)));
        Assert.Equal(package.Renditions.Count, hls.Count);
        Assert.Equal(package.Renditions.Count, dash.Count);

        var sar = spec.Sar.Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var aspect = spec.Width * (double)sar[0] / (spec.Height * sar[1]);
        for (var i = 0; i < package.Renditions.Count; i++)
        {
            var size = expected[i];
            var playlist = OutputLayout.MediaPlaylist(i);
            Assert.Equal(size, hls[playlist]);
            Assert.Equal(size, dash[i.ToString(CultureInfo.InvariantCulture)]);

            var frames = await DecodeAsync(Path.Combine(package.Folder, playlist));
            Assert.Equal(spec.Fps * (int)spec.Seconds, frames.Count);
            Assert.All(frames, f =>
            {
                Assert.Equal(size, $"{f.Width}x{f.Height}");

                // What the viewer sees: the decoded picture stretched by its sample aspect, within a pixel of the source's shape.
                var displayWidth = f.Width * (double)f.SarNum / f.SarDen;
                Assert.True(Math.Abs(displayWidth - (f.Height * aspect)) <= 1,
                    $"{size} displays {displayWidth:0.##} wide, the source's shape needs {f.Height * aspect:0.##}");
            });
        }
    }

    private static ClipSpec Clip(int width, int height, string sar = "1:1") =>
        new(Width: width, Height: height, Fps: 24, Seconds: 1, Audio: false, Sar: sar);

    /// <summary>Media playlist → RESOLUTION of its variant in the multivariant playlist.</summary>
    private static Dictionary<string, string> HlsResolutions(string master)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = master.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            if (lines[i].StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            {
                result.Add(lines[i + 1].Trim(), Regex.Match(lines[i], @"RESOLUTION=(\d+x\d+)").Groups[1].Value);
            }
        }

        return result;
    }

    /// <summary>Representation id → width×height, from the one video adaptation set.</summary>
    private static Dictionary<string, string> DashSizes(string mpd)
    {
        var sets = XDocument.Parse(mpd).Descendants(Mpd + "AdaptationSet")
            .Where(s => s.Attribute("contentType")?.Value == "video").ToList();
        var video = Assert.Single(sets);
        return video.Elements(Mpd + "Representation").ToDictionary(
            r => r.Attribute("id")!.Value,
            r => $"{r.Attribute("width")?.Value}x{r.Attribute("height")?.Value}",
            StringComparer.Ordinal);
    }

    /// <summary>Decodes every frame of a rung through its HLS media playlist, as a player would reach it.</summary>
    private static async Task<List<(int Width, int Height, int SarNum, int SarDen)>> DecodeAsync(string playlist)
    {
        var text = await Tool.OutputAsync("ffprobe", "-v", "error", "-protocol_whitelist", "file", "-select_streams", "v:0",
            "-show_entries", "frame=width,height,sample_aspect_ratio", "-of", "csv=p=0", playlist);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line =>
            {
                var parts = line.Split(',');
                var sar = parts[2].Split(':');
                return (Int(parts[0]), Int(parts[1]), Int(sar[0]), Int(sar[1]));
            })
            .ToList();
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
