using System.Globalization;

namespace Marquee.Bench.Eviction;

/// <summary>The printed tables.</summary>
internal static class Report
{
    public static void PrintWorkload(WorkloadSummary w, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine(Invariant($"== alpha {w.Alpha:0.0}"));
        writer.WriteLine(Invariant($"   {w.Sessions} sessions ({w.LongTailSessions} on long-tail titles) over {w.DistinctTitles} titles, mean {w.MeanSessionMinutes:0.0} min, ~{w.MeanConcurrentSessions:0} concurrent"));
        writer.WriteLine(Invariant($"   {w.Requests / 1e6:0.00} M requests, {w.RequestedBytes / 1e12:0.000} TB requested; {w.Objects / 1e6:0.000} M objects, {w.UniqueBytes / 1e9:0.0} GB unique"));
        writer.WriteLine(Invariant($"   one-hit wonders: {w.OneHitObjectShare:0.0%} of objects ({(double)w.OneHitLongTailObjects / w.Objects:0.0%} on long-tail titles), {w.OneHitByteShare:0.0%} of unique bytes; infinite cache: byte miss {w.CompulsoryByteMissRatio:0.0000}, object miss {w.CompulsoryObjectMissRatio:0.0000}"));
    }

    public static void PrintAlpha(WorkloadSummary w, IReadOnlyList<string> contenders, IReadOnlyList<double> shares, IEnumerable<ReplayResult> results, TextWriter writer)
    {
        PrintWorkload(w, writer);
        var byKey = results.ToDictionary(r => (r.Policy, r.CacheShare));
        var header = Invariant($"   {"cache",-6} {"GB",7} |");
        foreach (var name in contenders)
        {
            header += Invariant($" {name,9}");
        }

        header += "  byte miss |";
        foreach (var name in contenders)
        {
            header += Invariant($" {name,9}");
        }

        header += "  object miss | ns/request";
        writer.WriteLine(header);
        foreach (var share in shares)
        {
            var line = Invariant($"   {share,-6:0%} {byKey[(contenders[0], share)].CapacityBytes / 1e9,7:0.0} |");
            foreach (var name in contenders)
            {
                line += Invariant($" {byKey[(name, share)].ByteMissRatio,9:0.0000}");
            }

            line += "            |";
            foreach (var name in contenders)
            {
                line += Invariant($" {byKey[(name, share)].ObjectMissRatio,9:0.0000}");
            }

            line += "              |";
            foreach (var name in contenders)
            {
                line += Invariant($" {byKey[(name, share)].NanosecondsPerRequest,5:0}");
            }

            writer.WriteLine(line);
        }
    }

    public static void PrintRatios(
        IReadOnlyList<(double Alpha, string Policy, double Share, double Ratio)> ratios, IReadOnlyList<string> policies,
        IReadOnlyList<double> alphas, IReadOnlyList<double> shares, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("byte-miss ratio against LRU's (lower is better; < 1 beats LRU)");
        var header = Invariant($"   {"alpha",-5} {"policy",-9} |");
        foreach (var share in shares)
        {
            header += Invariant($" {share,7:0%}");
        }

        writer.WriteLine(header);
        foreach (var alpha in alphas)
        {
            foreach (var policy in policies)
            {
                var line = Invariant($"   {alpha,-5:0.0} {policy,-9} |");
                foreach (var share in shares)
                {
                    line += Invariant($" {ratios.Single(r => r.Alpha == alpha && r.Policy == policy && r.Share == share).Ratio,7:0.000}");
                }

                writer.WriteLine(line);
            }
        }

        writer.WriteLine();
    }

    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
