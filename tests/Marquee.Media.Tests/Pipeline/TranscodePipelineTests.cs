using System.Globalization;
using Marquee.Media.Transcoding;
using Marquee.Media.Pipeline;
using Marquee.Media.Subtitles;
using Marquee.TestSupport;

namespace Marquee.Media.Tests.Pipeline;

public sealed class TranscodePipelineTests
{
    private static Task<PackageResult> PackageAsync(ClipSpec spec, IReadOnlyList<SubtitleSource>? subtitles = null, List<EncodeProgress>? progress = null) =>
        TestPackages.BuildAsync(spec, subtitles, new SynchronousProgress(progress));

    public static TheoryData<ClipSpec, string[]> Shapes => new()
    {
        { new ClipSpec(Width: 640, Height: 360, Fps: 30, Seconds: 9), ["426x240", "640x360"] },
        { new ClipSpec(Width: 360, Height: 640, Fps: 30, Seconds: 5), ["240x426", "360x640"] },
        { new ClipSpec(Width: 480, Height: 360, Fps: 25, Seconds: 5, Audio: false), ["320x240", "480x360"] },
        { new ClipSpec(Width: 640, Height: 360, Fps: 30, Seconds: 5, Rotate: 90), ["240x426", "360x640"] },
        { new ClipSpec(Width: 360, Height: 288, Fps: 25, Seconds: 5, Sar: "16:15"), ["320x240", "384x288"] },
        { new ClipSpec(Width: 426, Height: 240, Fps: 30, Seconds: 5, VariableFrameRate: true, Container: "mkv"), ["426x240"] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_shape_gets_a_ladder_of_its_own_shape_with_keyframes_at_every_segment(ClipSpec spec, string[] expected)
    {
        var package = await PackageAsync(spec);

        Assert.Equal(expected, package.Renditions.Select(r => $"{r.Width}x{r.Height}"));
        var master = await File.ReadAllTextAsync(Path.Combine(package.Folder, OutputLayout.HlsMultivariant));
        Assert.Equal(spec.Audio, master.Contains("TYPE=AUDIO", StringComparison.Ordinal));
        Assert.DoesNotContain("PROGRAM-DATE-TIME", await File.ReadAllTextAsync(Path.Combine(package.Folder, OutputLayout.MediaPlaylist(0))), StringComparison.Ordinal);

        for (var i = 0; i < package.Renditions.Count; i++)
        {
            var segments = Directory.GetFiles(package.Folder, OutputLayout.SegmentGlob(i)).Order(StringComparer.Ordinal).ToList();
            Assert.True(segments.Count >= 2, $"rung {i} has {segments.Count} segments");
            foreach (var segment in segments)
            {
                Assert.True(await StartsWithKeyframeAsync(Path.Combine(package.Folder, $"init-{i}.m4s"), segment), $"{Path.GetFileName(segment)} does not start with a keyframe");
            }

            var (width, height) = await DecodedSizeAsync(Path.Combine(package.Folder, OutputLayout.MediaPlaylist(i)));
            Assert.Equal((package.Renditions[i].Width, package.Renditions[i].Height), (width, height));
        }
    }

    [Fact]
    public async Task Multivariant_playlist_describes_each_variant_and_starts_mid_ladder()
    {
        var progress = new List<EncodeProgress>();
        var package = await PackageAsync(new ClipSpec(Width: 1280, Height: 720, Fps: 30, Seconds: 5), progress: progress);

        var lines = (await File.ReadAllLinesAsync(Path.Combine(package.Folder, OutputLayout.HlsMultivariant))).ToList();
        var variants = lines.Where(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, variants.Count);
        Assert.Contains("RESOLUTION=640x360", variants[0], StringComparison.Ordinal);
        Assert.All(variants, v =>
        {
            Assert.Matches(@"BANDWIDTH=\d+,AVERAGE-BANDWIDTH=\d+,RESOLUTION=\d+x\d+,FRAME-RATE=30\.000,CODECS=""avc1\.[0-9a-f]{6},mp4a\.40\.2"",AUDIO=""audio""", v);
            var peak = long.Parse(Field(v, "BANDWIDTH"), CultureInfo.InvariantCulture);
            var average = long.Parse(Field(v, "AVERAGE-BANDWIDTH"), CultureInfo.InvariantCulture);
            Assert.True(peak >= average && average > 100_000, v);
        });
        Assert.Contains(lines, l => l.StartsWith("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\"", StringComparison.Ordinal));

        var vtt = await File.ReadAllTextAsync(Path.Combine(package.Folder, OutputLayout.TrickplayIndex));
        Assert.StartsWith("WEBVTT", vtt, StringComparison.Ordinal);
        Assert.Contains("sprite-001.jpg#xywh=160,0,160,90", vtt, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(package.Folder, OutputLayout.TrickplayFolder, "sprite-001.jpg")));
        Assert.True(new FileInfo(Path.Combine(package.Folder, OutputLayout.Poster)).Length > 1000);
        Assert.Contains(progress, p => p.Percent is > 0 and < 90);
        Assert.Equal(100, progress[^1].Percent);
        Assert.False(File.Exists(Path.Combine(package.Folder, OutputLayout.FfmpegHlsMaster)));
    }

    [Fact]
    public async Task Poster_avoids_a_black_opening()
    {
        // Black for the first 40% of the clip, a test pattern afterwards.
        var folder = TestPaths.NewScratchFolder("poster");
        var clip = Path.Combine(folder, "fade-in.mp4");
        await Clips.RunFfmpegAsync(["-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=10", "-vf", "drawbox=c=black:t=fill:enable='lt(t,4)'", "-c:v", "libx264", "-preset", "ultrafast", clip]);
        var source = await MediaTestOptions.ProbeAsync(clip);

        var picker = new Marquee.Media.Artwork.PosterPicker(MediaTestOptions.Ffmpeg.Value, MediaTestOptions.Limits().Value.AllowedContainers);
        var at = await picker.PickAsync(clip, source, folder, CancellationToken.None);

        Assert.True(at.TotalSeconds >= 4, $"picked {at}");
    }

    [Fact]
    public async Task Sidecar_subtitles_become_webvtt_in_both_manifests()
    {
        var srt = Path.Combine(TestPaths.NewScratchFolder("subs"), "movie.srt");
        await File.WriteAllTextAsync(srt, "1\n00:00:00,500 --> 00:00:02,000\nHello <b>there</b>\n\n2\n00:00:02,500 --> 00:00:04,000\nGoodbye\n");

        var package = await PackageAsync(new ClipSpec(Seconds: 5), [new SubtitleSource(srt, "en", "English")]);

        var vtt = await File.ReadAllTextAsync(Path.Combine(package.Folder, OutputLayout.SubtitleFile("en")));
        Assert.StartsWith("WEBVTT", vtt, StringComparison.Ordinal);
        Assert.Contains("00:00.500 --> 00:02.000", vtt, StringComparison.Ordinal);
        var master = await File.ReadAllTextAsync(Path.Combine(package.Folder, OutputLayout.HlsMultivariant));
        Assert.Contains("TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en\"", master, StringComparison.Ordinal);
        Assert.Contains("SUBTITLES=\"subs\"", master, StringComparison.Ordinal);
        var mpd = await File.ReadAllTextAsync(Path.Combine(package.Folder, OutputLayout.Dash));
        Assert.Contains("mimeType=\"text/vtt\"", mpd, StringComparison.Ordinal);
        Assert.Contains("<BaseURL>subtitles-en.vtt</BaseURL>", mpd, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subtitle_file_that_is_not_subtitles_is_refused()
    {
        var fake = Path.Combine(TestPaths.NewScratchFolder("subs"), "movie.srt");
        await File.WriteAllTextAsync(fake, "#EXTM3U\nfile:///etc/passwd\n");

        await Assert.ThrowsAsync<Marquee.Media.Probing.InputRefusedException>(() => PackageAsync(new ClipSpec(Seconds: 5), [new SubtitleSource(fake, "en", "English")]));
    }

    private static string Field(string line, string name)
    {
        var start = line.IndexOf(name + "=", StringComparison.Ordinal) + name.Length + 1;
        var end = line.IndexOf(',', start);
        return line[start..end];
    }

    private static async Task<bool> StartsWithKeyframeAsync(string init, string segment)
    {
        var joined = segment + ".joined.mp4";
        await using (var output = File.Create(joined))
        {
            foreach (var part in new[] { init, segment })
            {
                await using var input = File.OpenRead(part);
                await input.CopyToAsync(output);
            }
        }

        var flags = await Tool.OutputAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=flags", "-read_intervals", "%+#1", "-of", "csv=p=0", joined);
        File.Delete(joined);
        return flags.TrimStart().StartsWith('K');
    }

    private static async Task<(int, int)> DecodedSizeAsync(string playlist)
    {
        var text = await Tool.OutputAsync("ffprobe", "-v", "error", "-protocol_whitelist", "file", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", playlist);
        var parts = text.Trim().Split('\n')[0].Trim().Split(',');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private sealed class SynchronousProgress(List<EncodeProgress>? sink) : IProgress<EncodeProgress>
    {
        public void Report(EncodeProgress value)
        {
            lock (this)
            {
                sink?.Add(value);
            }
        }
    }
}
