namespace Marquee.Bench.Transcode.PerTitle;

/// <summary>The per-title comparison as printed and as written to <c>out/per-title.json</c>.</summary>
internal sealed record PerTitleResult(
    DateTimeOffset FinishedAt,
    string Ffmpeg,
    int Cores,
    string LoadAverageBefore,
    string LoadAverageAfter,
    string Preset,
    int SourceSeconds,
    IReadOnlyList<SourceOutcome> Sources,
    IReadOnlyList<RungMeans> Rungs,
    IReadOnlyList<PerTitleTiming> Runs,
    double FixedKbps,
    double PerTitleKbps,
    double BitsRatio,
    double BitsTarget,
    double SsimTolerance,
    double MedianShare,
    double WorstShare,
    double ShareTarget,
    bool BitsPass,
    bool MeanSsimPass,
    bool TolerancePass,
    bool AnalysisPass,
    bool Pass,
    IReadOnlyList<string> Notes);
