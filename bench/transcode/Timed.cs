namespace Marquee.Bench.Transcode;

/// <summary>One contender's run: wall time, CPU time of its ffmpeg processes, and each process's own wall time.</summary>
internal sealed record Timed(TimeSpan Wall, double? CpuSeconds, IReadOnlyList<TimeSpan> PerProcess);
