namespace Marquee.Bench.Transcode.PerTitle;

/// <summary>One rung's SSIM and PSNR averaged over the sources, for both ladders, and its worst loss on any source.</summary>
internal sealed record RungMeans(string Name, double SsimFixed, double SsimPerTitle, double PsnrFixed, double PsnrPerTitle, double WorstSsimLoss);
