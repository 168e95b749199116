using System.Globalization;

namespace Marquee.TestSupport;

/// <summary>Generates small clips with ffmpeg's built-in sources, once per spec per test run.</summary>
public static class Clips
{
    private static readonly string Folder = TestPaths.NewScratchFolder("clips");
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<string> GetAsync(ClipSpec spec)
    {
        var name = $"{spec.Source}-{spec.Width}x{spec.Height}-{spec.Fps}-{spec.Seconds}-{spec.Audio}-{spec.Rotate}-{spec.Sar.Replace(':', '_')}-{spec.VariableFrameRate}.{spec.Container}";
        var path = Path.Combine(Folder, name);
        await Gate.WaitAsync();
        try
        {
            if (!File.Exists(path))
            {
                await RunFfmpegAsync(Arguments(spec, path));
                if (spec.Rotate != 0)
                {
                    Rotation.Apply(path, spec.Rotate);
                }
            }
        }
        finally
        {
            Gate.Release();
        }

        return path;
    }

    public static async Task RunFfmpegAsync(IEnumerable<string> arguments)
    {
        var (code, _, stderr) = await Tool.RunAsync("ffmpeg", ["-hide_banner", "-nostdin", "-y", "-loglevel", "error", .. arguments]);
        if (code != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + stderr);
        }
    }

    private static List<string> Arguments(ClipSpec spec, string path)
    {
        var s = spec.Seconds.ToString(CultureInfo.InvariantCulture);
        var args = new List<string>
        {
            "-f", "lavfi", "-i", $"{spec.Source}=s={spec.Width}x{spec.Height}:r={spec.Fps}:d={s}",
        };
        if (spec.Audio)
        {
            args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={s}"]);
        }

        var filter = $"setsar={spec.Sar.Replace(':', '/')}";
        if (spec.VariableFrameRate)
        {
            filter += @",select='not(eq(mod(n\,4)\,3))'";
            args.AddRange(["-fps_mode", "vfr"]);
        }

        args.AddRange(["-vf", filter, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]);
        if (spec.Audio)
        {
            args.AddRange(["-c:a", "aac", "-b:a", "96k", "-shortest"]);
        }

        args.Add(path);
        return args;
    }
}
