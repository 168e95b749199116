namespace Marquee.Bench.Transcode.PerTitle;

/// <summary>
/// Everything measured for one source: its complexity and the scale it got, both ladders rung by rung, their total
/// bitrates and ratio, and the analysis pass's median share of the encode time (wall and CPU).
/// </summary>
internal sealed record SourceOutcome(
    string Name,
    string Stands,
    double ComplexityKbps,
    double Scale,
    IReadOnlyList<RungQuality> Fixed,
    IReadOnlyList<RungQuality> PerTitle,
    double FixedKbps,
    double PerTitleKbps,
    double BitsRatio,
    double MedianShare,
    double? MedianCpuShare,
    bool WithinTolerance);
