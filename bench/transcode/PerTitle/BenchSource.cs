using System.Globalization;

namespace Marquee.Bench.Transcode.PerTitle;

/// <summary>
/// One generated 1080p30 source of the per-title comparison: a name, what it stands for, and the lavfi graph that
/// draws it. Kept at CRF 16 (like the process comparison's source) so the ladder's losses dominate the SSIM figures.
/// </summary>
internal sealed record BenchSource(string Name, string Stands, IReadOnlyList<string> Inputs, string Graph)
{
    /// <summary>
    /// From easy to hard. Every input is a lavfi source; a frozen Mandelbrot frame (rendered once, then looped) gives
    /// detail without the cost of rendering a zoom for every frame.
    /// </summary>
    public static IReadOnlyList<BenchSource> All { get; } =
    [
        new("animation", "flat colour, hard edges, a few moving shapes (cartoon-like)",
            ["color=c=0x87ceeb:s=1920x1080:r=30", "color=c=0x2e8b57:s=1920x420:r=30", "color=c=0xffd700:s=220x220:r=30", "testsrc2=s=480x360:r=30"],
            "[0][1]overlay=0:660[a];[a][2]overlay=x='1500-8*t':y='120+3*t'[b];[b][3]overlay=x='200+30*t':y='560+20*sin(t*2)',format=yuv420p[v]"),
        new("talking-head", "a still, soft background and one moving region, light sensor noise",
            ["mandelbrot=s=960x540:r=30", "mandelbrot=s=480x600:r=30:start_scale=0.5"],
            "[0]trim=end_frame=1,loop=loop=-1:size=1,setpts=N/30/TB,scale=1920:1080,gblur=sigma=6[bg];[1]hue=s=0.6[head];"
                + "[bg][head]overlay=x='720+10*sin(t)':y='360+6*sin(1.3*t)',noise=alls=2:allf=t,format=yuv420p[v]"),
        new("high-motion", "a detailed picture panning fast (23 px a frame) under a fast-moving object",
            ["mandelbrot=s=960x540:r=30:start_x=-0.743643887037151:start_y=0.131825904205330:start_scale=0.02", "testsrc2=s=640x360:r=30"],
            "[0]trim=end_frame=1,loop=loop=-1:size=1,setpts=N/30/TB,scale=1920:1080:flags=bicubic,scroll=h=0.012:v=0.007[bg];"
                + "[bg][1]overlay=x='mod(400*t,1920)-320':y='360+300*sin(3*t)',noise=alls=2:allf=t,format=yuv420p[v]"),
        new("grain", "a slow, mid-detail picture under heavy temporal film grain",
            ["mandelbrot=s=960x540:r=30:start_scale=1.2", "testsrc2=s=960x540:r=30"],
            "[0]trim=end_frame=1,loop=loop=-1:size=1,setpts=N/30/TB,scale=1920:1080[m];[1]scale=1920:1080[t];"
                + "[m][t]blend=all_mode=average,gblur=sigma=1,noise=alls=7:allf=t,gblur=sigma=0.5,format=yuv420p[v]"),
    ];

    /// <summary>
    /// Sources the mapping was not fitted to (<c>--holdout</c>), to see whether it holds beyond the four it was
    /// calibrated on: screen content, a busy test pattern, the process comparison's hard source, a dark grainy pan.
    /// </summary>
    public static IReadOnlyList<BenchSource> Holdout { get; } =
    [
        new("screen", "static colour bars with a small moving inset (slides, screen recordings)",
            ["smptehdbars=s=1920x1080:r=30", "testsrc2=s=320x180:r=30"],
            "[0][1]overlay=x='1500-20*t':y=80,format=yuv420p[v]"),
        new("pattern", "a busy full-frame test pattern (moving gradient, scrolling edges) with light noise",
            ["testsrc2=s=1920x1080:r=30"],
            "[0]noise=alls=3:allf=t,format=yuv420p[v]"),
        new("zoom-grain", "a zooming fractal averaged with a test pattern, light grain (the process comparison's source)",
            ["testsrc2=s=1920x1080:r=30", "mandelbrot=s=960x540:r=30"],
            "[1]scale=1920:1080:flags=bicubic,format=yuv420p[m];[0]format=yuv420p[t];[t][m]blend=all_mode=average,noise=alls=2:allf=t,format=yuv420p[v]"),
        new("dark-grain", "a dark, slowly panning picture under strong grain (a night scene on film)",
            ["mandelbrot=s=960x540:r=30:start_scale=0.6"],
            "[0]trim=end_frame=1,loop=loop=-1:size=1,setpts=N/30/TB,scale=1920:1080,eq=brightness=-0.25:contrast=0.6,"
                + "scroll=h=0.0005,noise=alls=10:allf=t,gblur=sigma=0.6,format=yuv420p[v]"),
    ];

    public string FileName(int seconds) => string.Create(CultureInfo.InvariantCulture, $"{Name}-{seconds}s.mp4");

    /// <summary>Generates the file once (a few minutes for all four on 2 cores); later runs reuse it.</summary>
    public async Task<bool> EnsureAsync(string ffmpegPath, string path, int seconds, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return false;
        }

        var partial = path + ".partial.mp4";
        var duration = seconds.ToString(CultureInfo.InvariantCulture);
        var arguments = new List<string> { "-hide_banner", "-nostdin", "-y", "-loglevel", "error" };
        foreach (var input in Inputs)
        {
            arguments.AddRange(["-f", "lavfi", "-i", input]);
        }

        arguments.AddRange(
        [
            "-filter_complex", Graph, "-map", "[v]", "-t", duration,
            "-c:v", "libx264", "-crf", "16", "-preset", "veryfast", "-pix_fmt", "yuv420p",
            partial,
        ]);
        await Ffmpeg.RunCheckedAsync(ffmpegPath, arguments, $"generating the {Name} source", cancellationToken);
        File.Move(partial, path, overwrite: true);
        return true;
    }
}
