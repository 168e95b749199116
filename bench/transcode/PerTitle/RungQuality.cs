namespace Marquee.Bench.Transcode.PerTitle;

/// <summary>
/// One rung of one encoded ladder: the bitrate asked for, the bitrate its segments actually hold (init segment
/// included), and SSIM and PSNR against the source scaled to its size.
/// </summary>
internal sealed record RungQuality(string Name, int Width, int Height, int NominalKbps, double Kbps, double Ssim, double Psnr);
