using System.Diagnostics;
using System.Globalization;

namespace Marquee.Bench.Edge;

/// <summary>
/// Alternating rounds of one load (wrk or h2load) against the edge and nginx, printed as they run, and the
/// verdict figures: the medians of the rounds' edge/nginx ratios (a slow spell of the shared machine then
/// weighs on both sides of a ratio), CPU seconds per GB sent (the bench process for the edge, nginx's master and
/// workers), and, for the edge, bytes allocated per request (the whole process, so the runtime's own work counts).
/// </summary>
internal static class Comparison
{
    public delegate Task<WrkResult> Load(Uri server, string pathsFile, int seconds, CancellationToken cancellationToken);

    public static async Task<Summary> RunAsync(string title, Load load, Uri edge, string edgePaths, Uri nginx, string nginxPaths, int nginxPid,
        int rounds, int seconds, CancellationToken cancellationToken)
    {
        var self = Process.GetCurrentProcess();
        var nginxPids = ProcessCpu.WithChildren(nginxPid);
        var edgeRuns = new List<Run>();
        var nginxRuns = new List<Run>();
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine("round  server   requests/s      MB/s   p50 ms   p99 ms   CPU s/GB  alloc B/req  errors");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var server in round % 2 == 1 ? new[] { "edge", "nginx" } : ["nginx", "edge"])
            {
                Run run;
                if (server == "edge")
                {
                    self.Refresh();
                    var cpu = self.TotalProcessorTime.TotalSeconds;
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var result = await load(edge, edgePaths, seconds, cancellationToken);
                    self.Refresh();
                    run = new Run(result, self.TotalProcessorTime.TotalSeconds - cpu, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)Math.Max(1, result.Requests));
                    edgeRuns.Add(run);
                }
                else
                {
                    var cpu = ProcessCpu.Seconds(nginxPids);
                    var result = await load(nginx, nginxPaths, seconds, cancellationToken);
                    run = new Run(result, ProcessCpu.Seconds(nginxPids) - cpu, double.NaN);
                    nginxRuns.Add(run);
                }

                var r = run.Result;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{round,5}  {server,-6} {r.RequestsPerSecond,12:0} {r.BytesPerSecond / 1e6,9:0} {Ms(r.P50),8} {Ms(r.P99),8} {run.CpuPerGb,10:0.00} {(double.IsNaN(run.AllocatedPerRequest) ? "-" : run.AllocatedPerRequest.ToString("0", CultureInfo.InvariantCulture)),12} {r.SocketErrors + r.StatusErrors,7}"));
            }
        }

        var summary = new Summary(
            Stats.Median(edgeRuns.Zip(nginxRuns, (e, n) => e.Result.RequestsPerSecond / n.Result.RequestsPerSecond)),
            Stats.Median(edgeRuns.Select(r => r.CpuPerGb)),
            Stats.Median(nginxRuns.Select(r => r.CpuPerGb)),
            Stats.Median(edgeRuns.Zip(nginxRuns, (e, n) => e.CpuPerGb / n.CpuPerGb)),
            Stats.Median(edgeRuns.Select(r => r.Result.P99.TotalMilliseconds)),
            Stats.Median(nginxRuns.Select(r => r.Result.P99.TotalMilliseconds)),
            Stats.Median(edgeRuns.Select(r => r.AllocatedPerRequest)),
            edgeRuns.Concat(nginxRuns).Sum(r => r.Result.SocketErrors + r.Result.StatusErrors));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median  edge   {Stats.Median(edgeRuns.Select(r => r.Result.RequestsPerSecond)),12:0} {Stats.Median(edgeRuns.Select(r => r.Result.BytesPerSecond)) / 1e6,9:0}   CPU {summary.EdgeCpuPerGb:0.00} s/GB, p99 {Ms(summary.EdgeP99)} ms, {summary.EdgeAllocatedPerRequest:0} B allocated per request"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median  nginx  {Stats.Median(nginxRuns.Select(r => r.Result.RequestsPerSecond)),12:0} {Stats.Median(nginxRuns.Select(r => r.Result.BytesPerSecond)) / 1e6,9:0}   CPU {summary.NginxCpuPerGb:0.00} s/GB, p99 {Ms(summary.NginxP99)} ms"));
        return summary;
    }

    private static string Ms(TimeSpan value) => value < TimeSpan.Zero ? "-" : value.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ms(double value) => value < 0 || double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture);

    private sealed record Run(WrkResult Result, double Cpu, double AllocatedPerRequest)
    {
        public double CpuPerGb => Cpu / (Result.Bytes / 1e9);
    }

    /// <summary>The verdict figures of one comparison; ratios are edge/nginx, medians of the rounds' ratios.</summary>
    public sealed record Summary(double RequestsRatio, double EdgeCpuPerGb, double NginxCpuPerGb, double CpuRatio, double EdgeP99, double NginxP99,
        double EdgeAllocatedPerRequest, long Errors);
}
