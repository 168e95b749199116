using Marquee.Media.Ladder;
using Marquee.Media.Probing;

namespace Marquee.Media.Tests.Ladder;

public sealed class LadderPlannerTests
{
    private static SourceInfo Source(int width, int height, double fps = 30, bool audio = true) =>
        new("mov", TimeSpan.FromMinutes(10), width, height, fps, false, 0, audio ? 1 : null, 0);

    [Fact]
    public void Full_hd_source_gets_every_rung_up_to_1080p_and_never_upscales()
    {
        var ladder = LadderPlanner.Plan(Source(1920, 1080));

        Assert.Equal(["240p", "360p", "480p", "720p", "1080p"], ladder.Rungs.Select(r => r.Name));
        Assert.Equal((1920, 1080), (ladder.Rungs[^1].Width, ladder.Rungs[^1].Height));
        Assert.Equal((16, 9), (ladder.AspectNum, ladder.AspectDen));
        Assert.All(ladder.Rungs, r => Assert.True(r.Width % 2 == 0 && r.Height % 2 == 0));
        Assert.Equal(2, ladder.StartRungIndex);
    }

    [Fact]
    public void Portrait_source_is_laddered_by_its_short_side()
    {
        var ladder = LadderPlanner.Plan(Source(1080, 1920));

        Assert.Equal((720, 1280), (ladder.Rungs[3].Width, ladder.Rungs[3].Height));
        Assert.All(ladder.Rungs, r => Assert.True(r.Height > r.Width));
    }

    [Fact]
    public void Four_by_three_source_keeps_its_shape_and_spends_fewer_bits_than_widescreen()
    {
        var narrow = LadderPlanner.Plan(Source(640, 480));
        var wide = LadderPlanner.Plan(Source(854, 480));

        Assert.Equal([(320, 240), (480, 360), (640, 480)], narrow.Rungs.Select(r => (r.Width, r.Height)));
        Assert.True(narrow.Rungs[^1].VideoKbps < wide.Rungs[^1].VideoKbps);
    }

    [Fact]
    public void Tiny_source_gets_one_rung_at_its_own_size()
    {
        var ladder = LadderPlanner.Plan(Source(176, 144));

        var rung = Assert.Single(ladder.Rungs);
        Assert.Equal((176, 144), (rung.Width, rung.Height));
    }

    [Fact]
    public void Bitrates_scale_with_frame_rate()
    {
        var at25 = LadderPlanner.Plan(Source(1280, 720, 25)).Rungs[^1].VideoKbps;
        var at30 = LadderPlanner.Plan(Source(1280, 720, 30)).Rungs[^1].VideoKbps;
        var at60 = LadderPlanner.Plan(Source(1280, 720, 60)).Rungs[^1].VideoKbps;

        Assert.True(at25 < at30 && at30 < at60, $"{at25} < {at30} < {at60}");
        Assert.Equal(2800, at30);
    }

    [Theory]
    [InlineData(29.97, "30000/1001")]
    [InlineData(25.0, "25/1")]
    [InlineData(23.976, "24000/1001")]
    [InlineData(120.0, "60/1")]
    [InlineData(15.0, "15/1")]
    public void Frame_rates_snap_to_broadcast_rates(double source, string expected) =>
        Assert.Equal(expected, FrameRate.ForSource(source).ToString());
}
