using Marquee.Media.Probing;

namespace Marquee.Media.Ladder;

/// <summary>
/// Derives the ladder from the source: one rung fitted within each standard picture box the source is larger than,
/// then the source's own size as the top rung (never upscaled), each in the source's display shape, with bitrates
/// scaled for picture area and frame rate. Boxes rather than short sides, so a 1920×800 scope film keeps its
/// 1920×800 instead of topping out at 1728×720, and every rung fits the box a plan's limit names.
/// </summary>
public static class LadderPlanner
{
    /// <summary>Kbps at 30 fps for a picture filling each standard box (H.264, our x264 preset), smallest first.</summary>
    private static readonly int[] BoxKbps = [400, 800, 1400, 2800, 5000, 9000, 16000];

    public const int AudioKbps = 128;

    /// <summary>
    /// A source whose area is within 3 % of the rung fitted into the box below it gets no rung of its own: at most
    /// about 1.5 % per side is lost, and 1998×1080 (8 % above 1920×1038) still keeps its own.
    /// </summary>
    private const double NearDuplicateArea = 1.03;

    public static EncodingLadder Plan(SourceInfo source)
    {
        var width = Even(source.DisplayWidth);
        var height = Even(source.DisplayHeight);
        var frameRate = FrameRate.ForSource(source.FrameRate);

        var rungs = new List<Rung>();
        foreach (var (w, h, box) in Sizes(width, height))
        {
            // The area rule can put a source just above a box below the rung fitted into that box (the clamp, and
            // larger boxes spend fewer bits per pixel): never give a larger rung fewer bits than the one below.
            var kbps = Math.Max(Kbps(w, h, box, frameRate), rungs.Count > 0 ? rungs[^1].VideoKbps : 0);
            rungs.Add(Rung.WithRate(w, h, kbps));
        }

        var (aspectNum, aspectDen) = Reduce(width, height);
        return new EncodingLadder(rungs, aspectNum, aspectDen, frameRate, source.AudioStreamIndex is not null, AudioKbps,
            PlanTrickplay(source.Duration, width, height));
    }

    /// <summary>Frame-rate factor: 24/25 fps need a little less than 30, 60 fps about half as much again.</summary>
    internal static double FrameRateFactor(double fps) => fps <= 30 ? Math.Max(0.75, fps / 30) : 1 + ((fps - 30) / 60);

    /// <summary>
    /// Rung sizes, smallest first, each with the standard box it belongs to (its bitrate comes from that box): the
    /// source fitted within every box it does not fit, then the source itself in the first box it fits. A source
    /// larger than the largest box ends at its fit within that box.
    /// </summary>
    private static IEnumerable<(int Width, int Height, int Box)> Sizes(int width, int height)
    {
        var below = 0L;
        for (var i = 0; i < PictureBox.Standard.Count; i++)
        {
            var box = PictureBox.Standard[i];
            if (box.Contains(width, height))
            {
                // A source a few pixels over a box (1282×722) would be a second, near-identical top rung: a whole
                // extra encode for 2–4 pixels. Within NearDuplicateArea of the rung below, that rung is the top.
                if (below == 0 || width * (long)height > below * NearDuplicateArea)
                {
                    yield return (width, height, i);
                }

                yield break;
            }

            var (w, h) = Fit(box, width, height);
            below = w * (long)h;
            yield return (w, h, i);
        }
    }

    /// <summary>The largest even size of the picture's shape within the box, turned with the picture.</summary>
    internal static (int Width, int Height) Fit(PictureBox box, int width, int height)
    {
        var longSide = Math.Max(width, height);
        var shortSide = Math.Min(width, height);
        var scale = Math.Min((double)box.LongSide / longSide, (double)box.ShortSide / shortSide);

        // Rounding to even could step past an odd side of the box; a rung must stay inside the box that names it.
        var fitLong = EvenWithin(longSide * scale, box.LongSide);
        var fitShort = EvenWithin(shortSide * scale, box.ShortSide);
        return width >= height ? (fitLong, fitShort) : (fitShort, fitLong);
    }

    /// <summary>The box's kbps scaled by the share of the box the rung fills (clamped as before boxes), then for frame rate.</summary>
    private static int Kbps(int width, int height, int boxIndex, FrameRate rate)
    {
        var box = PictureBox.Standard[boxIndex];
        var areaFactor = Math.Clamp(width * (double)height / (box.LongSide * (double)box.ShortSide), 0.5, 1.5);
        var kbps = (int)(Math.Round(BoxKbps[boxIndex] * areaFactor * FrameRateFactor(rate.Value) / 10) * 10);
        return Math.Max(kbps, 100);
    }

    private static TrickplayPlan PlanTrickplay(TimeSpan duration, int width, int height)
    {
        var interval = (int)Math.Clamp(Math.Ceiling(duration.TotalSeconds / 150), 2, 10);
        var (w, h) = width >= height ? (160, Even(160.0 * height / width)) : (Even(160.0 * width / height), 160);
        return new TrickplayPlan(interval, Math.Max(w, 2), Math.Max(h, 2), 5, 5);
    }

    internal static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);

    private static int EvenWithin(double value, int limit)
    {
        var even = Even(value);
        return even > limit ? Math.Max(2, even - 2) : even;
    }

    private static (int, int) Reduce(int a, int b)
    {
        var gcd = System.Numerics.BigInteger.GreatestCommonDivisor(a, b);
        return (a / (int)gcd, b / (int)gcd);
    }
}
