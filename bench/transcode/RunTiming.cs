namespace Marquee.Bench.Transcode;

/// <summary>
/// One run of the pair: which went first, each one's wall time and the CPU time its ffmpeg processes used, and
/// each per-rung process's own wall time.
/// </summary>
internal sealed record RunTiming(
    int Run,
    string First,
    double OursSeconds,
    double PerRungSeconds,
    IReadOnlyList<double> PerRungProcessSeconds,
    double Ratio,
    double? OursCpuSeconds,
    double? PerRungCpuSeconds);
