using System.Diagnostics;
using System.Globalization;
using Marquee.Media;
using Marquee.Media.Pipeline;
using Marquee.Media.Probing;
using Microsoft.Extensions.Options;

// The extra time the preview step adds to a transcode: the whole pipeline (analysis, ladder, trickplay, poster,
// packaging) on one source, alternately with and without the preview, --runs times each; medians and their ratio.
// The source is 1080p30 with audio (testsrc2 with moving grain). Up to 150 s a source is used whole as its own
// preview, so both steps grow with the length and the ratio is about the same for 20 s as for 150 s: the worst case.
// A longer source gets a 30 s preview whatever its length, so the ratio falls as the source grows.
var seconds = Option("--seconds", 120);
var runs = Option("--runs", 3);
var folder = Path.Combine(Path.GetTempPath(), "marquee-bench-preview");
Directory.CreateDirectory(folder);
var source = Path.Combine(folder, $"source-{seconds}s.mp4");
if (!File.Exists(source))
{
    var s = seconds.ToString(CultureInfo.InvariantCulture);
    Run("ffmpeg", ["-hide_banner", "-nostdin", "-y", "-loglevel", "error",
        "-f", "lavfi", "-i", $"testsrc2=s=1920x1080:r=30:d={s}", "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:d={s}",
        "-filter_complex", "[0:v]noise=alls=6:allf=t,format=yuv420p[v]",
        "-map", "[v]", "-map", "1:a", "-t", s, "-c:v", "libx264", "-crf", "18", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "192k", source + ".partial.mp4"]);
    File.Move(source + ".partial.mp4", source);
}

var limits = Options.Create(new InputLimits());
var probe = await new MediaProbe(Options.Create(new FfmpegOptions()), limits).ProbeAsync(source, CancellationToken.None);
var info = new InputValidator(limits).Validate(probe, new FileInfo(source).Length);
var with = new List<double>();
var without = new List<double>();
long previewBytes = 0;
for (var i = 0; i < runs; i++)
{
    foreach (var previews in i % 2 == 0 ? new[] { true, false } : [false, true])
    {
        var work = Path.Combine(folder, "work");
        var pipeline = new TranscodePipeline(Options.Create(new FfmpegOptions { Previews = previews }), limits);
        var clock = Stopwatch.StartNew();
        var package = await pipeline.RunAsync(source, info, [], work, null, CancellationToken.None);
        var elapsed = clock.Elapsed.TotalSeconds;
        (previews ? with : without).Add(elapsed);
        if (previews)
        {
            previewBytes = new FileInfo(Path.Combine(package.Folder, "preview.mp4")).Length;
        }

        Console.WriteLine(FormattableString.Invariant($"run {i + 1} {(previews ? "with   " : "without")} preview: {elapsed:0.0} s"));
        Directory.Delete(work, recursive: true);
    }
}

var a = Median(with);
var b = Median(without);
Console.WriteLine(FormattableString.Invariant(
    $"source {seconds} s 1080p30, {runs} runs each: median with preview {a:0.0} s, without {b:0.0} s, ratio {a / b:0.000} (+{(a / b - 1) * 100:0.0} %), preview {previewBytes} bytes"));

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static void Run(string file, string[] arguments)
{
    var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardInput = true };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    process.StandardInput.Close();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} exited {process.ExitCode}");
    }
}
