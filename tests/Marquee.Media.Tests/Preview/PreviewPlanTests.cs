using Marquee.Media.Ladder;
using Marquee.Media.Preview;
using Marquee.Media.Probing;

namespace Marquee.Media.Tests.Preview;

/// <summary>Which part of the source the preview holds, at what size and bitrate: arithmetic, no ffmpeg.</summary>
public sealed class PreviewPlanTests
{
    private static EncodingLadder Ladder(int width, int height, double seconds, bool audio = true) =>
        LadderPlanner.Plan(new SourceInfo("mov", TimeSpan.FromSeconds(seconds), width, height, 30, false, 0, audio ? 1 : null, 0));

    [Theory]
    [InlineData(12, 0, 12)]
    [InlineData(150, 60, 150)]
    public void A_short_source_is_used_whole(double seconds, double posterAt, double expected)
    {
        var (start, length) = PreviewPlan.Window(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(posterAt));

        Assert.Equal(TimeSpan.Zero, start);
        Assert.Equal(TimeSpan.FromSeconds(expected), length);
    }

    [Theory]
    [InlineData(6000, 2400, 2390)] // a film: ten seconds before the poster frame
    [InlineData(6000, 0, 1200)] // no poster frame: a fifth of the way in
    [InlineData(6000, 300, 600)] // a poster frame in the opening: not before a tenth
    [InlineData(160, 150, 130)] // a poster frame near the end: the clip still ends at the end
    public void A_long_source_gives_thirty_seconds_past_the_opening(double seconds, double posterAt, double expectedStart)
    {
        var (start, length) = PreviewPlan.Window(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(posterAt));

        Assert.Equal(TimeSpan.FromSeconds(expectedStart), start);
        Assert.Equal(TimeSpan.FromSeconds(30), length);
        Assert.True(start + length <= TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void The_picture_is_the_ladders_720p_rung_and_never_larger_than_the_source()
    {
        var film = PreviewPlan.For(TimeSpan.FromSeconds(6000), Ladder(1920, 800, 6000), TimeSpan.FromSeconds(2400));
        var small = PreviewPlan.For(TimeSpan.FromSeconds(6000), Ladder(640, 360, 6000), TimeSpan.FromSeconds(2400));

        Assert.Equal((1280, 534), (film.Width, film.Height));
        Assert.Equal((640, 360), (small.Width, small.Height));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(90)]
    [InlineData(150)]
    [InlineData(6000)]
    public void The_rates_keep_the_file_under_twenty_megabytes_at_any_length(double seconds)
    {
        var plan = PreviewPlan.For(TimeSpan.FromSeconds(seconds), Ladder(3840, 2160, seconds), TimeSpan.Zero);

        // The worst the encoder may do: the peak rate all along, plus a full buffer, plus the audio.
        var worstBytes = ((plan.MaxKbps + plan.AudioKbps) * plan.Length.TotalSeconds + plan.BufferKbits) * 1000 / 8;
        Assert.True(worstBytes < PreviewPlan.MaxBytes * 0.95, $"{worstBytes:0} bytes at {plan.MaxKbps} kbps for {plan.Length}");
        Assert.True(plan.VideoKbps <= plan.MaxKbps);
        Assert.Equal((1280, 720), (plan.Width, plan.Height));
    }

    [Fact]
    public void A_silent_source_spends_nothing_on_audio()
    {
        Assert.Equal(0, PreviewPlan.For(TimeSpan.FromSeconds(20), Ladder(640, 360, 20, audio: false), TimeSpan.Zero).AudioKbps);
    }
}
