using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Marquee.Bench.Transcode;

/// <summary>The printed table and the JSON file.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A file for people and scripts, never embedded in HTML: keep '+' and the like readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Print(BenchResult result, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine(Invariant($"{"rung",-6} {"size",-10} {"kbps",6} {"SSIM ours",10} {"SSIM per-rung",14} {"difference",11} {"frames",13}"));
        foreach (var r in result.Rungs)
        {
            writer.WriteLine(Invariant(
                $"{r.Name,-6} {$"{r.Width}x{r.Height}",-10} {r.VideoKbps,6} {r.SsimOurs,10:0.000000} {r.SsimPerRung,14:0.000000} {r.Difference,11:+0.000000;-0.000000;0.000000} {$"{r.FramesOurs}/{r.FramesPerRung}",13}"));
        }

        var runs = result.Runs.Count == 1 ? "1 run" : Invariant($"median of {result.Runs.Count} runs");
        writer.WriteLine();
        writer.WriteLine(Invariant($"wall time ({runs}): ours {result.MedianOursSeconds:0.00} s, per-rung {result.MedianPerRungSeconds:0.00} s"));
        writer.WriteLine(Invariant($"ratio ours/per-rung: {result.Ratio:0.000} (target <= {result.RatioTarget:0.00}) {Verdict(result.TimePass)}"));
        if (result.CpuRatio is { } cpuRatio)
        {
            writer.WriteLine(Invariant($"CPU time ({runs}, not judged): ours {result.MedianOursCpuSeconds:0.00} s, per-rung {result.MedianPerRungCpuSeconds:0.00} s, ratio {cpuRatio:0.000}"));
        }

        writer.WriteLine(Invariant($"equal quality (every rung's SSIM within {result.SsimTolerance:0.000} of per-rung): {Verdict(result.QualityPass)}"));
        writer.WriteLine(Invariant($"overall: {Verdict(result.Pass)}"));
        writer.WriteLine();
        foreach (var note in result.Notes)
        {
            writer.WriteLine("note: " + note);
        }
    }

    public static async Task WriteJsonAsync(BenchResult result, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, result, Json, cancellationToken);
    }

    private static string Verdict(bool pass) => pass ? "PASS" : "FAIL";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
