namespace Marquee.Bench.Transcode;

/// <summary>One rung's quality in both contenders: SSIM against the scaled source, and frames compared.</summary>
internal sealed record RungResult(
    string Name,
    int Width,
    int Height,
    int VideoKbps,
    double SsimOurs,
    double SsimPerRung,
    double Difference,
    int FramesOurs,
    int FramesPerRung,
    bool WithinTolerance);
