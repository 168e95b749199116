using Marquee.Media.Analysis;

namespace Marquee.Media.Ladder;

/// <summary>
/// Per-title bitrates: every rung of the fixed ladder scaled by one factor from the title's complexity
/// (<see cref="TitleComplexity.Kbps"/>), <c>(complexity / ReferenceKbps) ^ Exponent</c>, clamped. A title of the
/// reference complexity gets today's ladder; a cartoon about a third of it, film grain about as much, fast motion
/// more. Sizes, the number of rungs and the VBV rule (peak 1.5×, buffer 3× the rate) stay as the planner made them,
/// so every plan's box keeps its rung and segments stay streamable.
/// </summary>
public static class PerTitleBitrates
{
    /// <summary>
    /// The probe's kbps (360p box, 30 fps, CRF 18 superfast) at which a title keeps the fixed ladder. Calibrated with
    /// <c>bench/transcode/run --calibrate</c> on the bench's sources; see the README's performance section.
    /// </summary>
    internal const double ReferenceKbps = 3100;

    /// <summary>
    /// Below 1 because quality saturates: a title needing a tenth of the bits at fixed quality still loses SSIM
    /// on its smallest rungs if it gets a tenth of the ladder's bits.
    /// </summary>
    internal const double Exponent = 0.7;

    /// <summary>Below a quarter of the fixed bits the 240p rung of even a flat cartoon loses visible detail.</summary>
    internal const double MinScale = 0.25;

    /// <summary>More than half again buys little SSIM on the hardest sources measured; bandwidth is paid for.</summary>
    internal const double MaxScale = 1.5;

    /// <summary>No rung goes below this, whatever the title.</summary>
    internal const int MinKbps = 100;

    /// <summary>The factor the fixed ladder's bitrates are multiplied by for a title of this complexity.</summary>
    public static double Scale(TitleComplexity complexity) =>
        Math.Clamp(Math.Pow(Math.Max(complexity.Kbps, 1) / ReferenceKbps, Exponent), MinScale, MaxScale);

    /// <summary>The ladder with every rung's bitrate scaled, rounded to 10 kbps, never below the rung beneath.</summary>
    public static EncodingLadder Apply(EncodingLadder ladder, double scale)
    {
        var rungs = new List<Rung>(ladder.Rungs.Count);
        foreach (var rung in ladder.Rungs)
        {
            var kbps = Math.Max((int)(Math.Round(rung.VideoKbps * scale / 10) * 10), MinKbps);
            rungs.Add(Rung.WithRate(rung.Width, rung.Height, Math.Max(kbps, rungs.Count > 0 ? rungs[^1].VideoKbps : 0)));
        }

        return ladder with { Rungs = rungs };
    }
}
