using Marquee.Media.Ladder;

namespace Marquee.Media.Tests.Ladder;

public sealed class QualityLimitTests
{
    private static readonly (int, int)[] Scope = [(426, 178), (640, 266), (854, 356), (1280, 534), (1920, 800)];

    [Theory]
    [InlineData(240, 426, 240)]
    [InlineData(480, 854, 480)]
    [InlineData(1080, 1920, 1080)]
    [InlineData(2160, 3840, 2160)]
    [InlineData(600, 1067, 600)]
    public void A_limit_of_n_lines_is_the_standard_box_or_sixteen_by_nine(int lines, int longSide, int shortSide) =>
        Assert.Equal(new PictureBox(longSide, shortSide), PictureBox.ForLines(lines));

    [Theory]
    [InlineData(1920, 800, true)]
    [InlineData(1998, 1080, false)]
    [InlineData(1080, 1920, true)]
    [InlineData(1440, 1080, true)]
    [InlineData(1921, 720, false)]
    public void A_picture_fits_a_box_in_either_orientation(int width, int height, bool fits) =>
        Assert.Equal(fits, PictureBox.ForLines(1080).Contains(width, height));

    [Theory]
    [InlineData(0, 5)]
    [InlineData(240, 1)]
    [InlineData(360, 2)]
    [InlineData(480, 3)]
    [InlineData(720, 4)]
    [InlineData(1080, 5)]
    public void A_wide_film_gets_the_renditions_within_the_plans_box(int lines, int allowed)
    {
        var smallest = QualityLimit.Smallest(Scope);

        Assert.Equal(allowed, Scope.Count(r => QualityLimit.Allows(lines, r, smallest)));
    }

    [Fact]
    public void A_plan_below_every_rendition_gets_only_the_smallest()
    {
        (int, int)[] ladder = [(1280, 720), (640, 360), (1920, 1080)];
        var smallest = QualityLimit.Smallest(ladder);

        Assert.Equal((640, 360), smallest);
        Assert.Equal([(640, 360)], ladder.Where(r => QualityLimit.Allows(240, r, smallest)));
    }

    [Fact]
    public void A_portrait_video_is_limited_by_the_box_turned()
    {
        (int, int)[] ladder = [(240, 426), (360, 640), (480, 854), (720, 1280), (1080, 1920)];
        var smallest = QualityLimit.Smallest(ladder);

        Assert.Equal([(240, 426), (360, 640), (480, 854)], ladder.Where(r => QualityLimit.Allows(480, r, smallest)));
    }
}
