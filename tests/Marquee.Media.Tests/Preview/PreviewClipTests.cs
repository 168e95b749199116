using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Marquee.Media.Ladder;
using Marquee.Media.Preview;
using Marquee.Media.Tests.Pipeline;
using Marquee.Media.Transcoding;
using Marquee.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marquee.Media.Tests.Preview;

/// <summary>The public preview clip through the real pipeline and real ffmpeg, checked with ffprobe and by its boxes.</summary>
public sealed class PreviewClipTests
{
    [Fact]
    public async Task A_long_source_gives_thirty_seconds_of_h264_and_aac_with_the_index_first()
    {
        // The ladder's own preset, not the tests' ultrafast: x264 reports a stream by the features it used, and
        // ultrafast uses none of High's.
        var clip = await Clips.GetAsync(new ClipSpec(Width: 256, Height: 144, Fps: 10, Seconds: 160));
        var source = await MediaTestOptions.ProbeAsync(clip);
        var progress = new List<EncodeProgress>();
        var package = await new Marquee.Media.Pipeline.TranscodePipeline(Microsoft.Extensions.Options.Options.Create(new FfmpegOptions()), MediaTestOptions.Limits())
            .RunAsync(clip, source, [], TestPaths.NewScratchFolder("preview-long"), new ListProgress(progress), CancellationToken.None);

        var preview = Path.Combine(package.Folder, OutputLayout.Preview);
        Assert.True(package.HasPreview);
        var streams = await StreamsAsync(preview);
        Assert.InRange(await DurationAsync(preview), 29, 31);
        var video = Assert.Single(streams, s => s.Type == "video");
        Assert.Equal(("h264", "High", "yuv420p", 256, 144), (video.Codec, video.Profile, video.PixelFormat, video.Width, video.Height));
        var audio = Assert.Single(streams, s => s.Type == "audio");
        Assert.Equal(("aac", "LC", 2), (audio.Codec, audio.Profile, audio.Channels));
        Assert.Equal(["ftyp", "moov", "mdat"], TopLevelBoxes(preview).Where(b => b is "ftyp" or "moov" or "mdat"));

        // The preview has its share of the one bar, after the ladder, and the bar never goes back.
        Assert.Contains(progress, p => p.Percent is > 85 and < 100);
        Assert.Equal(progress.OrderBy(p => p.Percent).Select(p => p.Percent), progress.Select(p => p.Percent));
        Assert.Equal(100, progress[^1].Percent);
    }

    [Fact]
    public async Task A_short_source_is_its_own_preview_and_a_silent_one_has_no_audio()
    {
        var package = await TestPackages.BuildAsync(new ClipSpec(Width: 320, Height: 180, Fps: 25, Seconds: 12, Audio: false));

        var preview = Path.Combine(package.Folder, OutputLayout.Preview);
        Assert.InRange(await DurationAsync(preview), 11.8, 12.2);
        var streams = await StreamsAsync(preview);
        Assert.Equal(["video"], streams.Select(s => s.Type));
    }

    [Fact]
    public async Task A_source_that_needs_many_bits_still_gives_a_preview_under_twenty_megabytes()
    {
        // Moving noise at 720p around the poster frame (where the clip is cut): left to itself x264 spends tens of
        // megabits a second on it. Only there, so the 160 s source is quick to make.
        var folder = TestPaths.NewScratchFolder("preview-noise");
        var clip = Path.Combine(folder, "noise.mp4");
        await Clips.RunFfmpegAsync([
            "-f", "lavfi", "-i", "testsrc2=s=1280x720:r=10:d=160", "-f", "lavfi", "-i", "anoisesrc=d=160:a=0.5",
            "-vf", "noise=alls=80:allf=t+u:enable='between(t,65,105)'", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "10", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "256k", "-shortest", clip]);
        var source = await MediaTestOptions.ProbeAsync(clip);
        var ladder = LadderPlanner.Plan(source);
        var plan = PreviewPlan.For(source.Duration, ladder, TimeSpan.FromSeconds(80));
        var preview = Path.Combine(folder, OutputLayout.Preview);
        var arguments = new TranscodeArguments(MediaTestOptions.Ffmpeg.Value, MediaTestOptions.Limits().Value.AllowedContainers)
            .ForPreview(clip, source, ladder, plan, preview);

        Assert.True(await new PreviewCutter(MediaTestOptions.Ffmpeg.Value, NullLogger.Instance).CutAsync(arguments, plan, preview, null, CancellationToken.None));

        Assert.True(new FileInfo(clip).Length > PreviewPlan.MaxBytes * 2, $"the source is only {new FileInfo(clip).Length} bytes");
        Assert.InRange(await DurationAsync(preview), 29, 31);
        Assert.True(new FileInfo(preview).Length <= PreviewPlan.MaxBytes, $"{new FileInfo(preview).Length} bytes");
        Assert.Equal((1280, 720), (plan.Width, plan.Height));
    }

    [Fact]
    public async Task Without_previews_the_package_has_none()
    {
        var clip = await Clips.GetAsync(new ClipSpec(Seconds: 4));
        var source = await MediaTestOptions.ProbeAsync(clip);
        var options = Microsoft.Extensions.Options.Options.Create(new FfmpegOptions { Preset = "ultrafast", Previews = false });

        var package = await new Marquee.Media.Pipeline.TranscodePipeline(options, MediaTestOptions.Limits())
            .RunAsync(clip, source, [], TestPaths.NewScratchFolder("no-preview"), null, CancellationToken.None);

        Assert.False(package.HasPreview);
    }

    private sealed class ListProgress(List<EncodeProgress> sink) : IProgress<EncodeProgress>
    {
        public void Report(EncodeProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }

    private sealed record Stream(string Type, string Codec, string? Profile, string? PixelFormat, int Width, int Height, int Channels);

    private static async Task<List<Stream>> StreamsAsync(string file)
    {
        using var json = JsonDocument.Parse(await Tool.OutputAsync("ffprobe", "-v", "error", "-show_streams", "-of", "json", file));
        return json.RootElement.GetProperty("streams").EnumerateArray().Select(s => new Stream(
            s.GetProperty("codec_type").GetString()!,
            s.GetProperty("codec_name").GetString()!,
            s.TryGetProperty("profile", out var p) ? p.GetString() : null,
            s.TryGetProperty("pix_fmt", out var f) ? f.GetString() : null,
            s.TryGetProperty("width", out var w) ? w.GetInt32() : 0,
            s.TryGetProperty("height", out var h) ? h.GetInt32() : 0,
            s.TryGetProperty("channels", out var c) ? c.GetInt32() : 0)).ToList();
    }

    private static async Task<double> DurationAsync(string file) =>
        double.Parse((await Tool.OutputAsync("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file)).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The MP4's top-level box types in file order (size, type; a size of 1 means a 64-bit size follows).</summary>
    private static List<string> TopLevelBoxes(string file)
    {
        var boxes = new List<string>();
        using var stream = File.OpenRead(file);
        Span<byte> header = stackalloc byte[16];
        while (stream.Position + 8 <= stream.Length)
        {
            var start = stream.Position;
            stream.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            boxes.Add(System.Text.Encoding.ASCII.GetString(header[4..8]));
            if (size == 1)
            {
                stream.ReadExactly(header[8..16]);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..16]);
            }
            else if (size == 0)
            {
                break;
            }

            stream.Position = start + size;
        }

        return boxes;
    }
}
