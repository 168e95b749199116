using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Marquee.Bench.Transcode.PerTitle;

/// <summary>The per-title comparison's printed tables and its JSON file.</summary>
internal static class PerTitleReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Print(PerTitleResult result, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine(Invariant($"{"source",-13} {"complexity",10} {"scale",6} {"fixed kbps",11} {"per-title",10} {"ratio",6} {"analysis share",15} {"CPU share",10}"));
        foreach (var s in result.Sources)
        {
            writer.WriteLine(Invariant($"{s.Name,-13} {s.ComplexityKbps,10:0} {s.Scale,6:0.00} {s.FixedKbps,11:0} {s.PerTitleKbps,10:0} {s.BitsRatio,6:0.000} {s.MedianShare,15:0.000} {s.MedianCpuShare,10:0.000}"));
        }

        writer.WriteLine();
        writer.WriteLine(Invariant($"{"source",-13} {"rung",-6} {"kbps fixed",10} {"per-title",10} {"SSIM fixed",11} {"per-title",10} {"change",9} {"PSNR fixed",11} {"per-title",10}"));
        foreach (var s in result.Sources)
        {
            foreach (var (f, p) in s.Fixed.Zip(s.PerTitle))
            {
                writer.WriteLine(Invariant($"{s.Name,-13} {f.Name,-6} {f.Kbps,10:0} {p.Kbps,10:0} {f.Ssim,11:0.000000} {p.Ssim,10:0.000000} {p.Ssim - f.Ssim,9:+0.00000;-0.00000;0.00000} {f.Psnr,11:0.00} {p.Psnr,10:0.00}"));
            }
        }

        writer.WriteLine();
        writer.WriteLine(Invariant($"{"rung",-6} {"mean SSIM fixed",16} {"per-title",10} {"change",9} {"worst loss",11} {"mean PSNR fixed",16} {"per-title",10}"));
        foreach (var r in result.Rungs)
        {
            writer.WriteLine(Invariant($"{r.Name,-6} {r.SsimFixed,16:0.000000} {r.SsimPerTitle,10:0.000000} {r.SsimPerTitle - r.SsimFixed,9:+0.00000;-0.00000;0.00000} {r.WorstSsimLoss,11:0.00000} {r.PsnrFixed,16:0.00} {r.PsnrPerTitle,10:0.00}"));
        }

        writer.WriteLine();
        writer.WriteLine(Invariant($"total bits, all rungs of all sources: fixed {result.FixedKbps:0} kbps, per-title {result.PerTitleKbps:0} kbps: ratio {result.BitsRatio:0.000}, {1 - result.BitsRatio:0.0%} fewer (target >= {1 - result.BitsTarget:0%} fewer) {Verdict(result.BitsPass)}"));
        writer.WriteLine(Invariant($"mean SSIM of every rung equal or better with per-title bitrates: {Verdict(result.MeanSsimPass)}"));
        writer.WriteLine(Invariant($"no rung of any source more than {result.SsimTolerance:0.000} SSIM worse: {Verdict(result.TolerancePass)}"));
        writer.WriteLine(Invariant($"analysis pass / per-title encode, wall time: median {result.MedianShare:0.000}, worst source {result.WorstShare:0.000} (target < {result.ShareTarget:0.00}) {Verdict(result.AnalysisPass)}"));
        writer.WriteLine(Invariant($"per-title overall: {Verdict(result.Pass)}"));
        writer.WriteLine();
        foreach (var note in result.Notes)
        {
            writer.WriteLine("note: " + note);
        }
    }

    public static async Task WriteJsonAsync(PerTitleResult result, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, result, Json, cancellationToken);
    }

    private static string Verdict(bool pass) => pass ? "PASS" : "FAIL";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
