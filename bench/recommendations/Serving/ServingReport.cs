using System.Globalization;
using System.Text.Json;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>Judges a serving run against its target and prints it: one line per viewer, the ratio, the notes and a RESULT line.</summary>
internal static class ServingReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static ServingResult Judge(
        ServingArguments args, string loadBefore, string loadAfter, SignalSummary signals, double readySeconds, RebuildOutcome rebuild, double? personalAfter, IReadOnlyList<ViewerResult> viewers)
    {
        var personal = viewers[0];
        var baseline = viewers[1];
        var ratioP50 = Math.Round(personal.Latency.P50 / baseline.Latency.P50, 2);
        var ratioP99 = Math.Round(personal.Latency.P99 / baseline.Latency.P99, 2);
        var latencyPass = personal.Latency.P99 <= args.TargetMs;
        var noErrors = viewers.All(v => v.Latency.Errors == 0);
        List<string> notes =
        [
            "latency runs from each request's due time on a steady schedule (open loop) to the end of the response body, over loopback; it includes the generator's own lateness",
            "CPU ms/req is the origin's user + system time over that viewer's rounds divided by its requests (its catalog sync and any background work included): steadier than latency on a shared machine",
            "the ratio is personal ÷ no-history: both signed in, the same pipeline, so it isolates what a history adds; no-history still gets the region's top 10 and trending and a Top picks row filled from them and the newest titles; anonymous gets today's rows plus top 10 and trending",
        ];
        var saturated = viewers.Where(v => v.CpuMsPerRequest * args.Rate / 1000 > 0.8 * Environment.ProcessorCount).Select(v => v.Name).ToList();
        if (saturated.Count > 0)
        {
            notes.Insert(0, $"at {args.Rate:0.##}/s the origin's CPU per request needs more than 80 % of the {Environment.ProcessorCount} cores for {string.Join(", ", saturated)}: requests queue, and the latencies measure the queue more than one answer; try a lower --rate");
        }

        if (!personal.HasPersonalRows)
        {
            notes.Insert(0, "the viewer with history got no personal rows (for-you and a because:*): this measures browse without them, and cannot pass");
        }

        if (double.TryParse(loadBefore.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) && load > Environment.ProcessorCount / 2.0)
        {
            notes.Insert(0, $"the machine was busy before the run (load average {load:0.00} on {Environment.ProcessorCount} cores): latencies are not representative; CPU per request is the steadier figure");
        }

        return new ServingResult(
            DateTimeOffset.UtcNow, Environment.ProcessorCount, loadBefore, loadAfter, args.Titles, args.Seed, signals, Math.Round(readySeconds, 2), rebuild, personalAfter,
            args.Rate, args.Rounds, args.PerRound, viewers, ratioP50, ratioP99, args.TargetMs, latencyPass, personal.HasPersonalRows, noErrors,
            latencyPass && personal.HasPersonalRows && noErrors && rebuild.Succeeded, notes);
    }

    public static void Print(ServingResult result, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(Invariant($"{"viewer",-11} {"requests",8} {"errors",6} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8} {"CPU ms/req",10} {"bytes",8}  rows (first answer)"));
        foreach (var v in result.Viewers)
        {
            var l = v.Latency;
            output.WriteLine(Invariant(
                $"{v.Name,-11} {l.Requests,8} {l.Errors,6} {l.P50,8:0.0} {l.P90,8:0.0} {l.P99,8:0.0} {l.Max,8:0.0} {(v.CpuMsPerRequest is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "-"),10} {v.ResponseBytes,8}  {v.Rows}"));
        }

        output.WriteLine(Invariant($"{"personal/no-history",-35} {result.RatioP50,8:0.00} {"",8} {result.RatioP99,8:0.00}"));
        foreach (var v in result.Viewers.Where(v => v.Latency.FirstError is not null))
        {
            output.WriteLine($"first error as {v.Name}: {v.Latency.FirstError}");
        }

        output.WriteLine(Invariant($"generator lateness p99: {string.Join(", ", result.Viewers.Select(v => $"{v.Name} {v.Latency.LatenessP99:0.0} ms"))}"));
        output.WriteLine();
        foreach (var note in result.Notes)
        {
            output.WriteLine("note: " + note);
        }

        output.WriteLine();
        output.WriteLine(Invariant($"personal p99 ≤ {result.TargetMs:0} ms: {Verdict(result.LatencyPass)}; personal rows present: {Verdict(result.PersonalRowsPresent)}; rebuild: {Verdict(result.Rebuild.Succeeded)} ({result.Rebuild.Status}); no errors: {Verdict(result.NoErrors)}"));
        output.WriteLine(ResultLine(result));
        output.WriteLine($"overall: {(result.Pass ? "PASS" : "FAIL")}");
    }

    public static string ResultLine(ServingResult r)
    {
        var personal = r.Viewers[0].Latency;
        var baseline = r.Viewers[1].Latency;
        var anonymous = r.Viewers[2].Latency;
        return Invariant(
            $"RESULT browse at {r.Titles} titles, {r.Rate:0.##}/s: personal p50 {personal.P50:0.0} p99 {personal.P99:0.0} ms; no-history p50 {baseline.P50:0.0} p99 {baseline.P99:0.0} ms; anonymous p50 {anonymous.P50:0.0} p99 {anonymous.P99:0.0} ms; p99 ratio {r.RatioP99:0.00}; rebuild {(r.Rebuild.Succeeded ? $"{r.Rebuild.Seconds:0.0} s" : $"HTTP {r.Rebuild.Status}")}");
    }

    public static async Task WriteJsonAsync(ServingResult result, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, result, Json, cancellationToken);
    }

    private static string Verdict(bool pass) => pass ? "yes" : "NO";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
