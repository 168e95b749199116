namespace Marquee.Bench.Transcode;

/// <summary>The SSIM filter's <c>All</c> value over a whole rung, and how many frames it compared.</summary>
internal sealed record SsimScore(double All, int Frames);
