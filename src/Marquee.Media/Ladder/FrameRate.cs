using System.Globalization;

namespace Marquee.Media.Ladder;

/// <summary>An output frame rate as the rational ffmpeg and the manifests want (for example 30000/1001).</summary>
public readonly record struct FrameRate(int Numerator, int Denominator)
{
    private static readonly FrameRate[] Common =
    [
        new(24000, 1001), new(24, 1), new(25, 1), new(30000, 1001), new(30, 1),
        new(48, 1), new(50, 1), new(60000, 1001), new(60, 1),
    ];

    public double Value => (double)Numerator / Denominator;

    /// <summary>
    /// The rate to encode a source at: snapped to the nearest broadcast rate when within 1%, halved while above
    /// 60 (a 120 fps source plays at 60), and never below 1.
    /// </summary>
    public static FrameRate ForSource(double rate)
    {
        while (rate > 60.5)
        {
            rate /= 2;
        }

        var nearest = Common.MinBy(c => Math.Abs(c.Value - rate));
        if (Math.Abs(nearest.Value - rate) / nearest.Value < 0.01)
        {
            return nearest;
        }

        return new FrameRate(Math.Max(1, (int)Math.Round(rate)), 1);
    }

    /// <summary>For ffmpeg arguments and DASH attributes: <c>30000/1001</c>.</summary>
    public override string ToString() => Numerator.ToString(CultureInfo.InvariantCulture) + "/" + Denominator.ToString(CultureInfo.InvariantCulture);

    /// <summary>For HLS FRAME-RATE: three decimals.</summary>
    public string ToDecimalString() => Value.ToString("0.000", CultureInfo.InvariantCulture);
}
