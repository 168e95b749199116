namespace Marquee.Bench.Transcode;

/// <summary>Everything the benchmark found, as printed and as written to <c>out/results.json</c>.</summary>
internal sealed record BenchResult(
    DateTimeOffset FinishedAt,
    string Ffmpeg,
    int Cores,
    string LoadAverageBefore,
    string LoadAverageAfter,
    string Preset,
    int SegmentSeconds,
    string Source,
    IReadOnlyList<RunTiming> Runs,
    double MedianOursSeconds,
    double MedianPerRungSeconds,
    double Ratio,
    double? MedianOursCpuSeconds,
    double? MedianPerRungCpuSeconds,
    double? CpuRatio,
    double RatioTarget,
    double SsimTolerance,
    bool TimePass,
    bool QualityPass,
    bool Pass,
    IReadOnlyList<RungResult> Rungs,
    IReadOnlyList<string> Notes);
