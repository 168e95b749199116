using System.Globalization;
using Marquee.Media.Ladder;
using Marquee.Media.Pipeline;
using Marquee.Media.Probing;
using Marquee.Media.Transcoding;
using Marquee.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Media.Tests.Pipeline;

/// <summary>
/// Per-title bitrates through the real pipeline: the analysis pass sets the ladder the package was encoded with and
/// the package plays; when the pass fails or runs out of time, the title still gets a package, at the fixed bitrates.
/// </summary>
public sealed class PerTitlePipelineTests
{
    [Fact]
    public async Task The_analysis_sets_the_bitrates_the_package_is_encoded_with_and_every_rung_plays()
    {
        var spec = new ClipSpec(Width: 640, Height: 360, Fps: 30, Seconds: 6);
        var clip = await Clips.GetAsync(spec);
        var source = await MediaTestOptions.ProbeAsync(clip);
        var logger = new ListLogger<TranscodePipeline>();
        var progress = new List<EncodeProgress>();

        var package = await Pipeline(MediaTestOptions.Ffmpeg.Value, logger)
            .RunAsync(clip, source, [], TestPaths.NewScratchFolder("per-title"), new ListProgress(progress), CancellationToken.None);

        var complexity = Assert.IsType<Marquee.Media.Analysis.TitleComplexity>(package.Complexity);
        Assert.True(complexity.Kbps > 0);
        var expected = PerTitleBitrates.Apply(LadderPlanner.Plan(source), PerTitleBitrates.Scale(complexity));
        Assert.Equal(expected.Rungs, package.Ladder.Rungs);
        Assert.NotEqual(LadderPlanner.Plan(source).Rungs.Select(r => r.VideoKbps), package.Ladder.Rungs.Select(r => r.VideoKbps));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Per-title analysis: complexity", StringComparison.Ordinal));

        // The one bar: the analysis pass's part first, then the encode, never going back, ending at 100.
        Assert.Contains(progress, p => p.Percent is > 0 and <= 5);
        Assert.Contains(progress, p => p.Percent is > 5 and < 90);
        Assert.Equal(progress.OrderBy(p => p.Percent).Select(p => p.Percent), progress.Select(p => p.Percent));
        Assert.Equal(100, progress[^1].Percent);

        for (var i = 0; i < package.Renditions.Count; i++)
        {
            Assert.Equal(spec.Fps * (int)spec.Seconds, await DecodedFramesAsync(Path.Combine(package.Folder, OutputLayout.MediaPlaylist(i))));
        }

        var master = await File.ReadAllTextAsync(Path.Combine(package.Folder, OutputLayout.HlsMultivariant));
        Assert.Equal(package.Renditions.Count, master.Split('\n').Count(l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_analysis_that_runs_out_of_time_leaves_the_fixed_bitrates_and_says_so()
    {
        var options = new FfmpegOptions { Preset = "ultrafast", AnalysisTimeout = TimeSpan.Zero };

        var (package, source, logger) = await PackageAsync(options);

        AssertFixedLadder(package, source);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("took longer than 0 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_analysis_whose_ffmpeg_fails_leaves_the_fixed_bitrates_and_says_so()
    {
        // A folder where the probe's output file belongs: the probe's ffmpeg fails, the ladder's does not care.
        var (package, source, logger) = await PackageAsync(MediaTestOptions.Ffmpeg.Value,
            work => Directory.CreateDirectory(Path.Combine(work, "analysis.h264")));

        AssertFixedLadder(package, source);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Per-title analysis failed (ffmpeg failed: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_per_title_bitrates_off_there_is_no_analysis()
    {
        var options = new FfmpegOptions { Preset = "ultrafast", PerTitleBitrates = false };

        var (package, source, logger) = await PackageAsync(options);

        AssertFixedLadder(package, source);
        // The preview's line is the only one left: nothing about an analysis.
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("analysis", StringComparison.OrdinalIgnoreCase));
        Assert.All(logger.Entries, e => Assert.StartsWith("Preview: ", e.Message, StringComparison.Ordinal));
    }

    private static void AssertFixedLadder(PackageResult package, SourceInfo source)
    {
        Assert.Null(package.Complexity);
        Assert.Equal(LadderPlanner.Plan(source).Rungs, package.Ladder.Rungs);
        Assert.Equal(package.Ladder.Rungs.Count, package.Renditions.Count);
        Assert.All(package.Renditions, r => Assert.True(r.Stats.SegmentCount >= 2, $"{r.Playlist} has {r.Stats.SegmentCount} segments"));
    }

    private static async Task<(PackageResult Package, SourceInfo Source, ListLogger<TranscodePipeline> Logger)> PackageAsync(
        FfmpegOptions options, Action<string>? prepare = null)
    {
        var clip = await Clips.GetAsync(new ClipSpec(Seconds: 5, Audio: false));
        var source = await MediaTestOptions.ProbeAsync(clip);
        var logger = new ListLogger<TranscodePipeline>();
        var work = TestPaths.NewScratchFolder("per-title");
        prepare?.Invoke(work);
        var package = await Pipeline(options, logger).RunAsync(clip, source, [], work, null, CancellationToken.None);
        return (package, source, logger);
    }

    private static TranscodePipeline Pipeline(FfmpegOptions options, ILogger<TranscodePipeline> logger) =>
        new(Options.Create(options), MediaTestOptions.Limits(), logger);

    private static async Task<int> DecodedFramesAsync(string playlist)
    {
        var text = await Tool.OutputAsync("ffprobe", "-v", "error", "-protocol_whitelist", "file", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", playlist);
        return int.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0], CultureInfo.InvariantCulture);
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
}
