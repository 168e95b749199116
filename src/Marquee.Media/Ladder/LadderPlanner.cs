using Marquee.Media.Probing;

namespace Marquee.Media.Ladder;

/// <summary>
/// Derives the ladder from the source: standard rungs by short side up to the source's own (never upscale),
/// each the source's display shape, with bitrates scaled for picture area and frame rate.
/// </summary>
public static class LadderPlanner
{
    /// <summary>Short side → kbps at 30 fps for a 16:9 picture (H.264, our x264 preset).</summary>
    private static readonly (int ShortSide, int Kbps)[] Standard =
    [
        (240, 400), (360, 800), (480, 1400), (720, 2800), (1080, 5000), (1440, 9000), (2160, 16000),
    ];

    public const int AudioKbps = 128;

    public static EncodingLadder Plan(SourceInfo source)
    {
        var width = Even(source.DisplayWidth);
        var height = Even(source.DisplayHeight);
        var shortSide = Math.Min(width, height);
        var landscape = width >= height;
        var frameRate = FrameRate.ForSource(source.FrameRate);

        var rungs = new List<Rung>();
        foreach (var (side, kbps) in Standard)
        {
            if (side > shortSide)
            {
                break;
            }

            rungs.Add(MakeRung(side, kbps, width, height, landscape, frameRate));
        }

        if (rungs.Count == 0)
        {
            // Smaller than the smallest rung: one rendition at the source's own size.
            rungs.Add(MakeRung(shortSide, Standard[0].Kbps * shortSide / Standard[0].ShortSide, width, height, landscape, frameRate));
        }

        var (aspectNum, aspectDen) = Reduce(width, height);
        return new EncodingLadder(rungs, aspectNum, aspectDen, frameRate, source.AudioStreamIndex is not null, AudioKbps,
            PlanTrickplay(source.Duration, width, height));
    }

    /// <summary>Frame-rate factor: 24/25 fps need a little less than 30, 60 fps about half as much again.</summary>
    internal static double FrameRateFactor(double fps) => fps <= 30 ? Math.Max(0.75, fps / 30) : 1 + ((fps - 30) / 60);

    private static Rung MakeRung(int side, int baseKbps, int width, int height, bool landscape, FrameRate rate)
    {
        var (w, h) = landscape
            ? (Even(side * (double)width / height), side)
            : (side, Even(side * (double)height / width));
        var standardArea = side * (side * 16.0 / 9);
        var areaFactor = Math.Clamp(w * (double)h / standardArea, 0.5, 1.5);
        var kbps = (int)(Math.Round(baseKbps * areaFactor * FrameRateFactor(rate.Value) / 10) * 10);
        kbps = Math.Max(kbps, 100);
        return new Rung(w, h, kbps, kbps * 3 / 2, kbps * 3);
    }

    private static TrickplayPlan PlanTrickplay(TimeSpan duration, int width, int height)
    {
        var interval = (int)Math.Clamp(Math.Ceiling(duration.TotalSeconds / 150), 2, 10);
        var (w, h) = width >= height ? (160, Even(160.0 * height / width)) : (Even(160.0 * width / height), 160);
        return new TrickplayPlan(interval, Math.Max(w, 2), Math.Max(h, 2), 5, 5);
    }

    internal static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);

    private static (int, int) Reduce(int a, int b)
    {
        var gcd = System.Numerics.BigInteger.GreatestCommonDivisor(a, b);
        return (a / (int)gcd, b / (int)gcd);
    }
}
