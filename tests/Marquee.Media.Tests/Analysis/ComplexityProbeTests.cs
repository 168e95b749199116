using Marquee.Media.Analysis;
using Marquee.Media.Ladder;
using Marquee.Media.Probing;
using Marquee.Media.Transcoding;
using Marquee.TestSupport;

namespace Marquee.Media.Tests.Analysis;

/// <summary>The analysis pass on real clips: flat colour needs few bits, noise many; a pass that finds no frames fails.</summary>
public sealed class ComplexityProbeTests
{
    private static ComplexityProbe Probe() => new(MediaTestOptions.Ffmpeg.Value, MediaTestOptions.Limits().Value.AllowedContainers);

    [Fact]
    public async Task A_flat_picture_measures_far_simpler_than_a_noisy_one_and_gets_a_cheaper_ladder()
    {
        var folder = TestPaths.NewScratchFolder("complexity");
        var flat = await ClipAsync(folder, "flat.mp4", "smptebars=s=640x360:r=30:d=10");
        var noisy = await ClipAsync(folder, "noisy.mp4", "testsrc2=s=640x360:r=30:d=10,noise=alls=30:allf=t+u");

        var simple = await Probe().MeasureAsync(flat.Path, flat.Source, folder, null, CancellationToken.None);
        var hard = await Probe().MeasureAsync(noisy.Path, noisy.Source, folder, null, CancellationToken.None);

        Assert.True(hard.Kbps > 5 * simple.Kbps, $"flat {simple.Kbps:0} kbps, noisy {hard.Kbps:0} kbps");
        Assert.Equal((640, 360), (simple.Width, simple.Height));
        Assert.Equal(1, simple.Samples);
        Assert.InRange(simple.SampledSeconds, 3.9, 4.1);

        var fixedLadder = LadderPlanner.Plan(flat.Source);
        var cheap = PerTitleBitrates.Apply(fixedLadder, PerTitleBitrates.Scale(simple));
        var dear = PerTitleBitrates.Apply(fixedLadder, PerTitleBitrates.Scale(hard));
        Assert.True(cheap.Rungs.Sum(r => r.VideoKbps) < dear.Rungs.Sum(r => r.VideoKbps));
        Assert.True(cheap.Rungs.Sum(r => r.VideoKbps) < fixedLadder.Rungs.Sum(r => r.VideoKbps), "a flat picture should get fewer bits than the fixed ladder");
        Assert.False(File.Exists(Path.Combine(folder, "analysis.h264")), "the probe's output was left behind");
    }

    [Fact]
    public void The_probe_seeks_every_scene_under_the_whitelists_and_encodes_them_at_the_fixed_quality()
    {
        var source = new SourceInfo("mov,mp4,m4a,3gp,3g2,mj2", TimeSpan.FromMinutes(2), 1920, 1080, 25, false, 0, 1, 0);
        var samples = AnalysisSamples.For(source.Duration, 4);
        var builder = new TranscodeArguments(MediaTestOptions.Ffmpeg.Value, ["mov,mp4,m4a,3gp,3g2,mj2"]);

        var args = builder.ForComplexityProbe("/data/in.mp4", source, new FrameRate(25, 1), samples, 640, 360, "/work/analysis.h264");

        Assert.Equal(3, samples.Count);
        var inputs = args.Select((a, i) => (a, i)).Where(p => p.a == "-i").Select(p => p.i).ToList();
        Assert.Equal(samples.Count, inputs.Count);
        for (var k = 0; k < inputs.Count; k++)
        {
            var i = inputs[k];
            Assert.Equal(["-noaccurate_seek", "-ss", samples[k].Start.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), "-t", "4",
                "-protocol_whitelist", "file", "-format_whitelist", "mov,mp4,m4a,3gp,3g2,mj2", "-i", "file:/data/in.mp4"], args.Skip(i - 9).Take(11));
        }

        var graph = args[args.ToList().IndexOf("-filter_complex") + 1];
        Assert.Contains("[0:0]setpts=PTS-STARTPTS,fps=25/1,scale=640:360:flags=bicubic", graph, StringComparison.Ordinal);
        Assert.EndsWith("[p0][p1][p2]concat=n=3:v=1:a=0[probe]", graph, StringComparison.Ordinal);
        Assert.Equal(["-crf", "18"], args.SkipWhile(a => a != "-crf").Take(2));
        Assert.Equal(["-g", "100"], args.SkipWhile(a => a != "-g").Take(2));
        Assert.Equal(["-an", "-f", "h264", "file:/work/analysis.h264"], args.TakeLast(4));
    }

    [Fact]
    public async Task A_pass_whose_ffmpeg_fails_says_so()
    {
        // A folder where the probe's output file belongs: ffmpeg cannot write it and exits non-zero.
        var folder = TestPaths.NewScratchFolder("complexity");
        var clip = await ClipAsync(folder, "clip.mp4", "testsrc2=s=320x180:r=30:d=3");
        Directory.CreateDirectory(Path.Combine(folder, "analysis.h264"));

        var error = await Assert.ThrowsAsync<AnalysisFailedException>(() => Probe().MeasureAsync(clip.Path, clip.Source, folder, null, CancellationToken.None));

        Assert.StartsWith("ffmpeg failed: ", error.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(folder, "analysis.h264")));
    }

    [Fact]
    public async Task A_title_shorter_than_it_claims_is_still_measured_from_what_it_holds()
    {
        // Ten minutes claimed, three seconds held: every scene seeks past the end and starts at the last keyframe.
        var folder = TestPaths.NewScratchFolder("complexity");
        var clip = await ClipAsync(folder, "short.mp4", "testsrc2=s=320x180:r=30:d=3");

        var complexity = await Probe().MeasureAsync(clip.Path, clip.Source with { Duration = TimeSpan.FromMinutes(10) }, folder, null, CancellationToken.None);

        Assert.Equal(12, complexity.Samples);
        Assert.True(complexity.Kbps > 0);
    }

    [Fact]
    public async Task The_pass_stops_when_cancelled()
    {
        var folder = TestPaths.NewScratchFolder("complexity");
        var clip = await ClipAsync(folder, "clip.mp4", "testsrc2=s=320x180:r=30:d=3");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Probe().MeasureAsync(clip.Path, clip.Source, folder, null, cancelled.Token));
    }

    private static async Task<(string Path, SourceInfo Source)> ClipAsync(string folder, string name, string lavfi)
    {
        var path = Path.Combine(folder, name);
        await Clips.RunFfmpegAsync(["-f", "lavfi", "-i", lavfi, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path]);
        return (path, await MediaTestOptions.ProbeAsync(path));
    }
}
