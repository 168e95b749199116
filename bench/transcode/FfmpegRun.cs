namespace Marquee.Bench.Transcode;

/// <summary>How one ffmpeg process ended: exit code, all of standard error, and its wall time from start to exit.</summary>
internal sealed record FfmpegRun(int ExitCode, string Stderr, TimeSpan Elapsed);
