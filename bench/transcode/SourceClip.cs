namespace Marquee.Bench.Transcode;

/// <summary>
/// The benchmark's source: 60 s of 1080p30 that is not trivially compressible (testsrc2's moving patterns averaged
/// with a zooming Mandelbrot set, light temporal grain) and a sine tone, kept at high quality (CRF 16) so the
/// ladder's losses dominate the SSIM figures. Generated once; later runs reuse the file.
/// </summary>
internal static class SourceClip
{
    public const int Seconds = 60;

    public static async Task<bool> EnsureAsync(string ffmpegPath, string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return false;
        }

        var partial = path + ".partial.mp4";
        var seconds = Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
            "-f", "lavfi", "-i", $"testsrc2=s=1920x1080:r=30:d={seconds}",
            "-f", "lavfi", "-i", "mandelbrot=s=960x540:r=30",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:d={seconds}",
            "-filter_complex",
            "[1:v]scale=1920:1080:flags=bicubic,format=yuv420p[m];[0:v]format=yuv420p[t];"
                + "[t][m]blend=all_mode=average,noise=alls=2:allf=t,format=yuv420p[v]",
            "-map", "[v]", "-map", "2:a", "-t", seconds,
            "-c:v", "libx264", "-crf", "16", "-preset", "veryfast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "192k",
            partial,
        ];
        await Ffmpeg.RunCheckedAsync(ffmpegPath, arguments, "generating the source", cancellationToken);
        File.Move(partial, path, overwrite: true);
        return true;
    }

    /// <summary>Reads the file once so that neither contender pays for the first read from disk.</summary>
    public static async Task WarmPageCacheAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        await stream.CopyToAsync(Stream.Null, cancellationToken);
    }
}
