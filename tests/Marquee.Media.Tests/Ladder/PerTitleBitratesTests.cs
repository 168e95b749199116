using Marquee.Media.Analysis;
using Marquee.Media.Ladder;
using Marquee.Media.Probing;

namespace Marquee.Media.Tests.Ladder;

public sealed class PerTitleBitratesTests
{
    private static SourceInfo Source(int width, int height, double fps = 30) =>
        new("mov", TimeSpan.FromMinutes(10), width, height, fps, false, 0, 1, 0);

    private static TitleComplexity Complexity(double kbps) => new(kbps, kbps, 640, 360, 3, 12, TimeSpan.FromSeconds(2));

    public static TheoryData<int, int, double> Cases()
    {
        var data = new TheoryData<int, int, double>();
        (int, int)[] shapes = [(1920, 1080), (1920, 800), (1998, 1080), (1440, 1080), (1080, 1920), (768, 576), (480, 200), (176, 144), (7680, 4320)];
        foreach (var (w, h) in shapes)
        {
            foreach (var kbps in new double[] { 1, 300, 1500, 3100, 6000, 100_000 })
            {
                data.Add(w, h, kbps);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_per_title_ladder_keeps_every_rung_and_box_and_only_moves_bitrates(int width, int height, double kbps)
    {
        var fixedLadder = LadderPlanner.Plan(Source(width, height));

        var ladder = PerTitleBitrates.Apply(fixedLadder, PerTitleBitrates.Scale(Complexity(kbps)));

        // The same sizes (so every plan's box keeps its rung and the display aspect is the planner's), frame rate, audio.
        Assert.Equal(fixedLadder.Rungs.Select(r => (r.Width, r.Height)), ladder.Rungs.Select(r => (r.Width, r.Height)));
        Assert.Equal((fixedLadder.AspectNum, fixedLadder.AspectDen, fixedLadder.FrameRate), (ladder.AspectNum, ladder.AspectDen, ladder.FrameRate));
        var renditions = ladder.Rungs.Select(r => (r.Width, r.Height)).ToList();
        var smallest = QualityLimit.Smallest(renditions);
        foreach (var box in PictureBox.Standard)
        {
            Assert.Contains(renditions, r => QualityLimit.Allows(box.ShortSide, r, smallest));
        }

        for (var i = 0; i < ladder.Rungs.Count; i++)
        {
            var rung = ladder.Rungs[i];
            Assert.True(rung.VideoKbps >= PerTitleBitrates.MinKbps, $"{rung.Name} at {rung.VideoKbps} kbps");
            Assert.True(i == 0 || rung.VideoKbps >= ladder.Rungs[i - 1].VideoKbps, $"{rung.Name} below the rung beneath");
            Assert.Equal((rung.VideoKbps * 3 / 2, rung.VideoKbps * 3), (rung.MaxKbps, rung.BufferKbits));
            Assert.InRange(rung.VideoKbps, Math.Min(fixedLadder.Rungs[i].VideoKbps * PerTitleBitrates.MinScale - 10, PerTitleBitrates.MinKbps),
                Math.Max(fixedLadder.Rungs[i].VideoKbps * PerTitleBitrates.MaxScale + 10, ladder.Rungs[Math.Max(0, i - 1)].VideoKbps));
        }
    }

    [Fact]
    public void A_title_of_the_reference_complexity_keeps_the_fixed_ladder()
    {
        var fixedLadder = LadderPlanner.Plan(Source(1920, 1080));

        var ladder = PerTitleBitrates.Apply(fixedLadder, PerTitleBitrates.Scale(Complexity(PerTitleBitrates.ReferenceKbps)));

        Assert.Equal(fixedLadder.Rungs, ladder.Rungs);
    }

    [Fact]
    public void The_scale_rises_with_complexity_between_its_clamps()
    {
        double[] kbps = [1, 100, 500, 1000, 2000, 3100, 4000, 6000, 20_000, 1_000_000];

        var scales = kbps.Select(k => PerTitleBitrates.Scale(Complexity(k))).ToList();

        Assert.Equal(PerTitleBitrates.MinScale, scales[0]);
        Assert.Equal(1.0, scales[5], 6);
        Assert.Equal(PerTitleBitrates.MaxScale, scales[^1]);
        for (var i = 1; i < scales.Count; i++)
        {
            Assert.True(scales[i] >= scales[i - 1], $"{kbps[i]} kbps scaled less than {kbps[i - 1]} kbps");
        }
    }

    [Fact]
    public void Rates_are_rounded_to_ten_kbps_and_never_fall_below_the_floor()
    {
        var fixedLadder = LadderPlanner.Plan(Source(1920, 1080));

        var ladder = PerTitleBitrates.Apply(fixedLadder, 0.3333);

        Assert.Equal([130, 270, 470, 930, 1670], ladder.Rungs.Select(r => r.VideoKbps));
        Assert.Equal([100, 200, 350, 700, 1250], PerTitleBitrates.Apply(fixedLadder, 0.25).Rungs.Select(r => r.VideoKbps));
        Assert.All(PerTitleBitrates.Apply(fixedLadder, 0.01).Rungs, r => Assert.Equal(PerTitleBitrates.MinKbps, r.VideoKbps));
    }
}
