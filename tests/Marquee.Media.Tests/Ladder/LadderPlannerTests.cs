using Marquee.Media.Ladder;
using Marquee.Media.Probing;

namespace Marquee.Media.Tests.Ladder;

public sealed class LadderPlannerTests
{
    private static SourceInfo Source(int width, int height, double fps = 30, bool audio = true) =>
        new("mov", TimeSpan.FromMinutes(10), width, height, fps, false, 0, audio ? 1 : null, 0);

    /// <summary>Display sizes as SourceInfo gives them (pixel aspect and rotation applied) → the rungs.</summary>
    public static TheoryData<int, int, string[]> Shapes => new()
    {
        { 1920, 1080, ["426x240", "640x360", "854x480", "1280x720", "1920x1080"] },
        { 1920, 800, ["426x178", "640x266", "854x356", "1280x534", "1920x800"] },
        { 1998, 1080, ["426x230", "640x346", "854x462", "1280x692", "1920x1038", "1998x1080"] },
        { 1920, 1038, ["426x230", "640x346", "854x462", "1280x692", "1920x1038"] },
        { 1440, 1080, ["320x240", "480x360", "640x480", "960x720", "1440x1080"] },
        { 1080, 1920, ["240x426", "360x640", "480x854", "720x1280", "1080x1920"] },
        { 768, 576, ["320x240", "480x360", "640x480", "768x576"] }, // 720×576 at 16:15, PAL 4:3
        { 1024, 576, ["426x240", "640x360", "854x480", "1024x576"] }, // 720×576 at 64:45, PAL 16:9
        { 176, 144, ["176x144"] },
        { 7680, 4320, ["426x240", "640x360", "854x480", "1280x720", "1920x1080", "2560x1440", "3840x2160"] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Rungs_fit_within_the_standard_boxes_and_end_at_the_source_size(int width, int height, string[] expected)
    {
        var ladder = LadderPlanner.Plan(Source(width, height));

        Assert.Equal(expected, ladder.Rungs.Select(r => $"{r.Width}x{r.Height}"));
        Assert.Equal(ladder.Rungs.Select(r => $"{Math.Min(r.Width, r.Height)}p"), ladder.Rungs.Select(r => r.Name));
        Assert.All(ladder.Rungs, r => Assert.True(r.Width % 2 == 0 && r.Height % 2 == 0, $"{r.Width}x{r.Height}"));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_rung_keeps_the_display_aspect_within_a_pixel(int width, int height, string[] expected)
    {
        var ladder = LadderPlanner.Plan(Source(width, height));

        Assert.Equal(expected.Length, ladder.Rungs.Count);
        Assert.Equal((long)width * ladder.AspectDen, (long)height * ladder.AspectNum);
        Assert.All(ladder.Rungs, r =>
        {
            // One side of a rung is exact (a box's or the source's); the other is rounded to even, so off by at most a pixel.
            var off = Math.Abs(((long)r.Width * height) - ((long)r.Height * width));
            Assert.True(off <= Math.Max(width, height), $"{r.Width}x{r.Height} is not {width}:{height}");
            Assert.Equal(width > height, r.Width > r.Height);
        });
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_plan_limited_to_a_box_gets_a_rung_that_fills_it(int width, int height, string[] expected)
    {
        var ladder = LadderPlanner.Plan(Source(width, height));
        var renditions = ladder.Rungs.Select(r => (r.Width, r.Height)).ToList();
        var smallest = QualityLimit.Smallest(renditions);

        Assert.Equal(expected.Length, renditions.Count);
        foreach (var box in PictureBox.Standard)
        {
            var best = renditions.Where(r => QualityLimit.Allows(box.ShortSide, r, smallest)).MaxBy(r => r.Width * r.Height);
            if (box.Contains(width, height))
            {
                Assert.Equal((width, height), best);
            }
            else
            {
                // Fitted: touching the box on one side.
                Assert.True(Math.Max(best.Width, best.Height) == box.LongSide || Math.Min(best.Width, best.Height) == box.ShortSide,
                    $"{best} does not fill {box.LongSide}x{box.ShortSide}");
            }
        }
    }

    [Theory]
    [InlineData(1920, 800, new[] { 300, 590, 1040, 2080, 3700 })]
    [InlineData(1998, 1080, new[] { 380, 770, 1350, 2690, 4810, 5270 })]
    [InlineData(1440, 1080, new[] { 300, 600, 1050, 2100, 3750 })]
    [InlineData(768, 576, new[] { 300, 600, 1050, 1400 })]
    [InlineData(176, 144, new[] { 200 })]
    public void Bitrates_follow_the_share_of_its_box_a_rung_fills(int width, int height, int[] kbps)
    {
        var ladder = LadderPlanner.Plan(Source(width, height));

        Assert.Equal(kbps, ladder.Rungs.Select(r => r.VideoKbps));
        Assert.All(ladder.Rungs, r => Assert.Equal((r.VideoKbps * 3 / 2, r.VideoKbps * 3), (r.MaxKbps, r.BufferKbits)));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Bitrates_rise_with_every_rung(int width, int height, string[] expected)
    {
        var ladder = LadderPlanner.Plan(Source(width, height));

        Assert.Equal(expected.Length, ladder.Rungs.Count);
        for (var i = 1; i < ladder.Rungs.Count; i++)
        {
            Assert.True(ladder.Rungs[i].VideoKbps > ladder.Rungs[i - 1].VideoKbps, $"{ladder.Rungs[i].Name} after {ladder.Rungs[i - 1].Name}");
        }
    }

    [Fact]
    public void A_source_just_above_a_box_never_gets_fewer_bits_than_the_rung_fitted_into_it()
    {
        // 1300×732 is 0.46 of the 1080p box (clamped to half of 5000) but just above 1278×720 at 2800.
        var ladder = LadderPlanner.Plan(Source(1300, 732));

        Assert.Equal(["1278x720", "1300x732"], ladder.Rungs.TakeLast(2).Select(r => $"{r.Width}x{r.Height}"));
        Assert.Equal(2800, ladder.Rungs[^1].VideoKbps);
    }

    [Theory]
    [InlineData(1282, 722, "1278x720")]
    [InlineData(856, 480, "854x478")]
    [InlineData(1922, 828, "1920x828")]
    public void A_source_a_few_pixels_over_a_box_gets_no_near_identical_rung_of_its_own(int width, int height, string top)
    {
        var ladder = LadderPlanner.Plan(Source(width, height));

        Assert.Equal(top, $"{ladder.Rungs[^1].Width}x{ladder.Rungs[^1].Height}");
        Assert.Equal(ladder.Rungs.Count, ladder.Rungs.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public void Across_all_shapes_rungs_grow_fit_their_boxes_and_never_lose_bits()
    {
        var failures = new List<string>();
        for (var width = 16; width <= 7680; width += 34)
        {
            for (var height = 16; height <= 4320; height += 34)
            {
                if (Math.Max(width, height) > 5 * Math.Min(width, height))
                {
                    continue;
                }

                var rungs = LadderPlanner.Plan(Source(width, height)).Rungs;
                var top = ExpectedTop(width, height);
                if ((rungs[^1].Width, rungs[^1].Height) != top)
                {
                    failures.Add($"{width}x{height}: tops out at {rungs[^1].Width}x{rungs[^1].Height}");
                }

                for (var i = 0; i < rungs.Count; i++)
                {
                    // Rung i belongs to box i: fitted into it, or the source in the first box it fits.
                    var (r, below) = (rungs[i], i > 0 ? rungs[i - 1] : null);
                    if (!PictureBox.Standard[i].Contains(r.Width, r.Height)
                        || (below is not null && (r.Width < below.Width || r.Height < below.Height || r.Width * r.Height <= below.Width * below.Height || r.VideoKbps < below.VideoKbps)))
                    {
                        failures.Add($"{width}x{height}: rung {i} {r.Width}x{r.Height} at {r.VideoKbps}k");
                    }
                }
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>The source itself, unless within 3 % of the area of its fit in the box below (then that fit); its fit in the largest box when larger.</summary>
    private static (int, int) ExpectedTop(int width, int height)
    {
        var first = PictureBox.Standard.ToList().FindIndex(b => b.Contains(width, height));
        if (first < 0)
        {
            return LadderPlanner.Fit(PictureBox.Standard[^1], width, height);
        }

        if (first > 0)
        {
            var (w, h) = LadderPlanner.Fit(PictureBox.Standard[first - 1], width, height);
            if (width * (long)height <= w * (long)h * 1.03)
            {
                return (w, h);
            }
        }

        return (width, height);
    }

    [Fact]
    public void Full_hd_source_gets_every_rung_up_to_1080p_and_never_upscales()
    {
        var ladder = LadderPlanner.Plan(Source(1920, 1080));

        Assert.Equal(["240p", "360p", "480p", "720p", "1080p"], ladder.Rungs.Select(r => r.Name));
        Assert.Equal((1920, 1080), (ladder.Rungs[^1].Width, ladder.Rungs[^1].Height));
        Assert.Equal((16, 9), (ladder.AspectNum, ladder.AspectDen));
        Assert.Equal(2, ladder.StartRungIndex);
    }

    [Fact]
    public void Scope_film_keeps_its_width_and_is_named_by_its_short_side()
    {
        var ladder = LadderPlanner.Plan(Source(1920, 800));

        Assert.Equal(["178p", "266p", "356p", "534p", "800p"], ladder.Rungs.Select(r => r.Name));
        Assert.Equal((12, 5), (ladder.AspectNum, ladder.AspectDen));
    }

    [Fact]
    public void Portrait_source_fits_the_boxes_turned_on_their_side()
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
