using System.Globalization;
using Marquee.Media;
using Marquee.Media.Ladder;
using Marquee.Media.Probing;
using Microsoft.Extensions.Options;

namespace Marquee.Bench.Transcode.PerTitle;

/// <summary>
/// The sweep <see cref="PerTitleBitrates"/> was fitted to (<c>--calibrate</c>): for every bench source, the analysis
/// pass's complexity, then the fixed ladder encoded with every bitrate scaled by each factor, and SSIM and PSNR of
/// every rung. Read with the targets in mind: a title should get the smallest scale at which no rung is more than
/// 0.005 SSIM below its fixed-ladder (scale 1) figure, a hard title whatever brings it towards typical quality.
/// </summary>
internal static class Calibration
{
    public static async Task RunAsync(BenchArguments parsed, IReadOnlyList<double> scales, CancellationToken ct)
    {
        var ffmpeg = new FfmpegOptions();
        var limits = new InputLimits();
        var inspector = new InputInspector(
            new MediaProbe(Options.Create(ffmpeg), Options.Create(limits)), new InputValidator(Options.Create(limits)), Options.Create(limits));
        var sweep = scales.Contains(1.0) ? scales.Order().ToList() : [.. scales.Append(1.0).Order()];
        Console.WriteLine("== calibration: each source's complexity, and its ladder at the fixed bitrates times " + string.Join(", ", sweep.Select(s => s.ToString("0.##", CultureInfo.InvariantCulture))));
        Console.WriteLine($"machine: load average {Machine.LoadAverage()}");
        var sourcesFolder = Path.Combine(parsed.OutFolder, "sources");
        Directory.CreateDirectory(sourcesFolder);
        foreach (var spec in parsed.Holdout ? BenchSource.Holdout : BenchSource.All)
        {
            var path = Path.Combine(sourcesFolder, spec.FileName(parsed.SourceSeconds));
            await spec.EnsureAsync(ffmpeg.FfmpegPath, path, parsed.SourceSeconds, ct);
            var info = await inspector.InspectAsync(path, ct);
            var folder = Path.Combine(parsed.OutFolder, "calibration", spec.Name);
            var sides = new PerTitleContenders(ffmpeg, limits.AllowedContainers, path, info, folder);
            var (complexity, _) = await sides.AnalyseAsync(ct);

            var encoded = new List<EncodedLadder>();
            foreach (var scale in sweep)
            {
                var ladder = PerTitleBitrates.Apply(sides.FixedLadder, scale);
                var output = Path.Combine(folder, scale.ToString("0.###", CultureInfo.InvariantCulture));
                await new PerTitleContenders(ffmpeg, limits.AllowedContainers, path, info, output).EncodePerTitleAsync(ladder, ct);
                encoded.Add(new EncodedLadder(ladder, Path.Combine(output, "per-title")));
            }

            var measured = await LadderQuality.MeasureAsync(ffmpeg.FfmpegPath, path, info.Duration, encoded, ct);
            Print(spec, complexity.Kbps, PerTitleBitrates.Scale(complexity), sweep, measured);
        }
    }

    private static void Print(BenchSource spec, double complexity, double mapped, List<double> sweep, IReadOnlyList<IReadOnlyList<RungQuality>> measured)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"{spec.Name}: complexity {complexity:0} kbps; the mapping gives x{mapped:0.00}"));
        var reference = measured[sweep.IndexOf(1.0)];
        Console.WriteLine(Invariant($"{"scale",6} {"kbps",7}  ") + string.Join(' ', reference.Select(r => Invariant($"{"SSIM " + r.Name,12} {"PSNR",6}"))) + "  worst loss vs x1");
        for (var i = 0; i < sweep.Count; i++)
        {
            var rungs = measured[i];
            var worst = rungs.Zip(reference).Max(p => p.Second.Ssim - p.First.Ssim);
            Console.WriteLine(Invariant($"{sweep[i],6:0.00} {rungs.Sum(r => r.Kbps),7:0}  ") + string.Join(' ', rungs.Select(r => Invariant($"{r.Ssim,12:0.00000} {r.Psnr,6:0.00}"))) + Invariant($"  {worst,9:+0.00000;-0.00000;0.00000}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
