using Marquee.Media.Artwork;
using Marquee.Media.Ladder;
using Marquee.Media.Probing;

namespace Marquee.Media.Tests.Artwork;

public sealed class PosterPickerTests
{
    [Theory]
    [InlineData(1920, 1080, "1280x720")]
    [InlineData(1920, 800, "1280x534")]
    [InlineData(2560, 800, "1280x400")] // 1920×600 has fewer than 720 lines but is wider than the 720p box
    [InlineData(1080, 1920, "720x1280")]
    [InlineData(768, 576, "768x576")]
    [InlineData(176, 144, "176x144")]
    public void Poster_is_the_largest_rung_within_the_720p_box(int width, int height, string expected)
    {
        var ladder = LadderPlanner.Plan(new SourceInfo("mov", TimeSpan.FromMinutes(1), width, height, 25, false, 0, null, 0));

        var rung = PosterPicker.PosterRung(ladder);

        Assert.Equal(expected, $"{rung.Width}x{rung.Height}");
    }
}
