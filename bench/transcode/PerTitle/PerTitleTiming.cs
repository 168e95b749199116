namespace Marquee.Bench.Transcode.PerTitle;

/// <summary>
/// One source in one run: the analysis pass, the per-title ladder's encode and the fixed ladder's encode, each as
/// wall time and CPU time of its ffmpeg processes, and the analysis pass's share of the per-title encode.
/// </summary>
internal sealed record PerTitleTiming(
    int Run,
    string Source,
    string First,
    double AnalysisSeconds,
    double? AnalysisCpuSeconds,
    double PerTitleEncodeSeconds,
    double? PerTitleEncodeCpuSeconds,
    double FixedEncodeSeconds,
    double? FixedEncodeCpuSeconds,
    double Share,
    double? CpuShare);
