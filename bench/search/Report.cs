using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marquee.Bench.Search.Measuring;
using Marquee.Bench.Search.Queries;

namespace Marquee.Bench.Search;

/// <summary>The printed tables, the <c>RESULT</c> line and the JSON file.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // A percentile of no successful requests is NaN, which plain JSON cannot hold.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The one line a README can quote.</summary>
    public static string ResultLine(BenchResult r) =>
        Invariant($"RESULT search: {r.Data.Titles} titles, {r.Queries} queries ({r.TypoQueries} with a typo) at {r.Rate:0.##}/s on {r.Cores} cores: ")
        + Invariant($"ours p50 {r.Ours.P50:0.00} ms p99 {r.Ours.P99:0.00} ms, FTS5 p50 {r.Fts5.P50:0.00} ms p99 {r.Fts5.P99:0.00} ms, p99 ratio {r.RatioP99:0.00}; ")
        + $"typo top-1 ours {Percent(r.TypoTop1Ours)} FTS5 {Percent(r.TypoTop1Fts5)}; full-name top-1 ours {Percent(r.FullNameTop1Ours)} FTS5 {Percent(r.FullNameTop1Fts5)}; "
        + Invariant($"index loaded in {r.Origin.ReadySeconds:0.0} s: {Verdict(r.Pass)}");

    public static void Print(BenchResult r, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine(Invariant($"{"engine",-10} {"requests",8} {"errors",6} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8} {"mean ms",8}"));
        foreach (var (name, s) in new[] { ("ours", r.Ours), ("FTS5", r.Fts5) })
        {
            writer.WriteLine(Invariant($"{name,-10} {s.Requests,8} {s.Errors,6} {s.P50,8:0.00} {s.P90,8:0.00} {s.P99,8:0.00} {s.Max,8:0.00} {s.Mean,8:0.00}"));
        }

        writer.WriteLine(Invariant($"{"ours/FTS5",-10} {"",8} {"",6} {r.RatioP50,8:0.00} {"",8} {r.RatioP99,8:0.00}"));
        writer.WriteLine(Invariant($"generator lateness p99 (included above): ours {r.Ours.LatenessP99:0.00} ms, FTS5 {r.Fts5.LatenessP99:0.00} ms"));
        foreach (var (name, s) in new[] { ("ours", r.Ours), ("FTS5", r.Fts5) })
        {
            if (s.FirstError is not null)
            {
                writer.WriteLine($"first error from {name}: {s.FirstError}");
            }
        }

        writer.WriteLine(Invariant($"CPU per request (user + system; not judged): origin {Ms(r.Origin.CpuMsPerRequest)}, FTS5 server {Ms(r.Reference.CpuMsPerRequest)}, load generator {r.BenchCpuMsPerRequest:0.00} ms"));
        writer.WriteLine(Invariant($"memory after the run: origin {MiB(r.Origin.RssMiB)} (peak {MiB(r.Origin.PeakRssMiB)}), FTS5 server {MiB(r.Reference.RssMiB)} (peak {MiB(r.Reference.PeakRssMiB)})"));

        writer.WriteLine();
        writer.WriteLine(Invariant($"{"query kind",-16} {"count",5}   {"ours: top-1",11} {"in 20",6} {"empty",6}   {"FTS5: top-1",11} {"in 20",6} {"empty",6}"));
        foreach (var k in r.Kinds)
        {
            writer.WriteLine(Invariant(
                $"{KindName(k.Kind),-16} {k.Count,5}   {Top1(k, k.Ours),11} {Share(k.Ours.InResults, k.Count),6} {Share(k.Ours.Empty, k.Count),6}   {Top1(k, k.Reference),11} {Share(k.Reference.InResults, k.Count),6} {Share(k.Reference.Empty, k.Count),6}"));
        }

        writer.WriteLine("top-1 and in 20: the title the query was made from came first / among the 20 results; (in parentheses): not judged, such a query has many right answers");
        writer.WriteLine();
        writer.WriteLine(Invariant($"ours p99 <= {r.P99TargetMs:0} ms:            {r.Ours.P99,8:0.00} ms  {Verdict(r.LatencyPass)}"));
        writer.WriteLine(Invariant($"p99 ratio ours/FTS5 <= {r.RatioTarget:0.00}: {r.RatioP99,8:0.00}     {Verdict(r.RatioPass)}"));
        writer.WriteLine(Invariant($"typo top-1 >= {r.TypoTarget:0%}:          {Percent(r.TypoTop1Ours),8}     {Verdict(r.TypoPass)}"));
        writer.WriteLine(Invariant($"no failed requests:          {r.Ours.Errors + r.Fts5.Errors,8}     {Verdict(r.NoErrorsPass)}"));
        writer.WriteLine($"overall: {Verdict(r.Pass)}");
        writer.WriteLine();
        foreach (var note in r.Notes)
        {
            writer.WriteLine("note: " + note);
        }

        writer.WriteLine();
        writer.WriteLine(r.ResultLine);
    }

    public static async Task WriteJsonAsync(BenchResult result, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, result, Json, cancellationToken);
    }

    public static string KindName(QueryKind kind) => kind switch
    {
        QueryKind.FullName => "full name",
        QueryKind.FirstWords => "first words",
        QueryKind.Prefix => "prefix",
        QueryKind.Person => "person",
        QueryKind.GenreAndWord => "genre + word",
        QueryKind.Typo => "one typo",
        _ => kind.ToString(),
    };

    private static string Top1(KindQuality k, EngineQuality e) =>
        k.Judged ? Share(e.Top1, k.Count) : "(" + Share(e.Top1, k.Count) + ")";

    private static string Share(int part, int whole) => whole == 0 ? "-" : Percent((double)part / whole);

    private static string Percent(double fraction) => double.IsNaN(fraction) ? "-" : Invariant($"{fraction * 100:0.0}%");

    private static string Ms(double? value) => value is { } v ? Invariant($"{v:0.00} ms") : "unknown";

    private static string MiB(double? value) => value is { } v ? Invariant($"{v:0} MiB") : "unknown";

    private static string Verdict(bool pass) => pass ? "PASS" : "FAIL";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
