using System.Collections.Concurrent;
using Marquee.Bench.Eviction;
using Marquee.Edge.Caching.Eviction;

// A seeded synthetic video trace per Zipf α, replayed through the edge's real eviction policies and the offline
// Belady reference at several cache sizes; judged on the default policy's byte-miss ratio against LRU's.
const double Target = 0.9;
// Chosen before the first run, as the middle of both ranges: α = 0.9 is the skew usually reported for VOD
// catalogs, and an edge holding a tenth of what it serves is the common case between a small PoP and a large one.
const double HeadlineAlpha = 0.9;
const double HeadlineShare = 0.10;
double[] alphas = [0.8, 0.9, 1.0];
double[] shares = [0.01, 0.05, 0.10, 0.20];

var parsed = BenchArguments.Parse(args, out var error);
if (parsed is null)
{
    if (error is not null)
    {
        Console.Error.WriteLine(error);
    }

    Console.Error.WriteLine(BenchArguments.Usage);
    return error is null ? 0 : 2;
}

var policies = EvictionPolicies.Names.OrderBy(n => n == EvictionPolicies.Lru ? 0 : 1).ToArray();
var contenders = policies.Append(BeladySize.Name).ToArray();
Console.WriteLine("Marquee eviction benchmark: a synthetic VOD trace through the edge's policies and Belady-size");
Console.WriteLine(Report.Invariant($"seed {parsed.Seed}, {parsed.Sessions} sessions per alpha, {parsed.Titles} catalog titles, long-tail share {parsed.LongTail:0.00}; default policy '{EvictionPolicies.Default}'"));
Console.WriteLine(Report.Invariant($"{Environment.ProcessorCount} cores, load average {Report.LoadAverage()}"));

var headlineRatio = double.NaN;
var ratios = new List<(double Alpha, string Policy, double Share, double Ratio)>();
foreach (var alpha in alphas)
{
    var trace = TraceGenerator.Generate(parsed.Seed, alpha, parsed.Sessions, parsed.Titles, parsed.LongTail);
    if (parsed.TraceOnly)
    {
        Report.PrintWorkload(trace.Summary, Console.Out);
        continue;
    }

    var nextUses = BeladySize.NextUses(trace);
    var jobs = (from share in shares from name in contenders select (share, name))
        .OrderBy(j => j.name == BeladySize.Name ? 0 : 1)
        .ToArray();
    var results = new ConcurrentBag<ReplayResult>();
    Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, job =>
    {
        var capacity = (long)(trace.Summary.UniqueBytes * job.share);
        results.Add(job.name == BeladySize.Name
            ? BeladySize.Run(job.share, capacity, trace, nextUses)
            : Replayer.Run(job.name, job.share, capacity, trace));
    });

    Report.PrintAlpha(trace.Summary, contenders, shares, results, Console.Out);
    foreach (var share in shares)
    {
        var lru = results.Single(r => r.Policy == EvictionPolicies.Lru && r.CacheShare == share);
        foreach (var name in contenders.Where(n => n != EvictionPolicies.Lru))
        {
            var ratio = results.Single(r => r.Policy == name && r.CacheShare == share).ByteMissRatio / lru.ByteMissRatio;
            ratios.Add((alpha, name, share, ratio));
            if (alpha == HeadlineAlpha && share == HeadlineShare && name == EvictionPolicies.Default)
            {
                headlineRatio = ratio;
            }
        }
    }
}

if (parsed.TraceOnly)
{
    return 0;
}

Report.PrintRatios(ratios, contenders.Where(n => n != EvictionPolicies.Lru).ToArray(), alphas, shares, Console.Out);
var pass = headlineRatio <= Target;
Console.WriteLine(Report.Invariant(
    $"headline (alpha {HeadlineAlpha:0.0}, cache {HeadlineShare:0%} of unique bytes): {EvictionPolicies.Default}/lru byte-miss ratio {headlineRatio:0.000} (target <= {Target:0.00}) {(pass ? "PASS" : "FAIL")}"));
return pass ? 0 : 1;
