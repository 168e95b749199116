using System.Diagnostics;
using System.Globalization;
using Marquee.Bench.Edge;

// Cached-segment throughput: one edge (tokens verified, objects hot in memory) against nginx with sendfile on
// the same files, the same wrk load, alternating in each round; medians of the rounds, ratio edge/nginx.
const double Target = 0.8;
const int WarmSeconds = 8;

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

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;
Directory.CreateDirectory(parsed.OutFolder);

try
{
    var folder = await MediaPackage.EnsureAsync(parsed.OutFolder, ct);
    var segments = MediaPackage.Segments(folder);
    using var nginx = await Nginx.StartAsync(parsed.OutFolder, ct);
    await using var edge = await EdgeHost.StartAsync(nginx.Address, Path.Combine(parsed.OutFolder, "edge-cache"));
    var token = EdgeHost.Token(MediaPackage.Prefix);
    var nginxPaths = Path.Combine(parsed.OutFolder, "paths-nginx.txt");
    var edgePaths = Path.Combine(parsed.OutFolder, "paths-edge.txt");
    File.WriteAllLines(nginxPaths, segments.Select(s => s.Path));
    File.WriteAllLines(edgePaths, segments.Select(s => s.Path + "?token=" + token));
    var script = Wrk.WriteScript(parsed.OutFolder);

    var total = segments.Sum(s => s.Bytes);
    Console.WriteLine("Marquee edge benchmark: cached segments, one edge vs nginx (sendfile), same wrk load");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"objects: {segments.Count} CMAF segments (all renditions + audio), {total / 1e6:0.0} MB, {segments.Min(s => s.Bytes) / 1e3:0} kB to {segments.Max(s => s.Bytes) / 1e6:0.00} MB, mean {total / segments.Count / 1e3:0} kB"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"load:    wrk -t{parsed.Threads} -c{parsed.Connections} -d{parsed.Seconds}s, cycling the list; {parsed.Rounds} rounds, alternating who goes first"));
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (before)");

    // Warm: the edge fetches each object once from nginx, and the next two requests move it into the hot tier.
    using (var http = new HttpClient { BaseAddress = edge.Address })
    {
        for (var warm = 0; warm < 3; warm++)
        {
            foreach (var (path, bytes) in segments)
            {
                var body = await http.GetByteArrayAsync(path + "?token=" + token, ct);
                if (body.Length != bytes)
                {
                    throw new InvalidOperationException($"{path}: the edge sent {body.Length} bytes, not {bytes}");
                }
            }
        }
    }

    using (var http = new HttpClient { BaseAddress = nginx.Address })
    {
        foreach (var (path, _) in segments)
        {
            await http.GetByteArrayAsync(path, ct);
        }
    }

    // And under load for a while: the edge's JIT tiers up its hot paths (tiered PGO) in the first seconds.
    await Wrk.RunAsync(script, edge.Address, edgePaths, parsed.Threads, parsed.Connections, WarmSeconds, ct);
    await Wrk.RunAsync(script, nginx.Address, nginxPaths, parsed.Threads, parsed.Connections, WarmSeconds, ct);

    var self = Process.GetCurrentProcess();
    var nginxPids = ProcessCpu.WithChildren(nginx.Pid);
    var edgeRuns = new List<(WrkResult Result, double Cpu)>();
    var nginxRuns = new List<(WrkResult Result, double Cpu)>();
    Console.WriteLine();
    Console.WriteLine("round  server   requests/s      MB/s   p50 ms   p99 ms   CPU s/GB  errors");
    for (var round = 1; round <= parsed.Rounds; round++)
    {
        var order = round % 2 == 1 ? new[] { "edge", "nginx" } : ["nginx", "edge"];
        foreach (var server in order)
        {
            WrkResult result;
            double cpu;
            if (server == "edge")
            {
                self.Refresh();
                var before = self.TotalProcessorTime.TotalSeconds;
                result = await Wrk.RunAsync(script, edge.Address, edgePaths, parsed.Threads, parsed.Connections, parsed.Seconds, ct);
                self.Refresh();
                cpu = self.TotalProcessorTime.TotalSeconds - before;
                edgeRuns.Add((result, cpu));
            }
            else
            {
                var before = ProcessCpu.Seconds(nginxPids);
                result = await Wrk.RunAsync(script, nginx.Address, nginxPaths, parsed.Threads, parsed.Connections, parsed.Seconds, ct);
                cpu = ProcessCpu.Seconds(nginxPids) - before;
                nginxRuns.Add((result, cpu));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{round,5}  {server,-6} {result.RequestsPerSecond,12:0} {result.BytesPerSecond / 1e6,9:0} {result.P50.TotalMilliseconds,8:0.00} {result.P99.TotalMilliseconds,8:0.00} {cpu / (result.Bytes / 1e9),10:0.00} {result.SocketErrors + result.StatusErrors,7}"));
        }
    }

    var edgeRps = Stats.Median(edgeRuns.Select(r => r.Result.RequestsPerSecond));
    var nginxRps = Stats.Median(nginxRuns.Select(r => r.Result.RequestsPerSecond));
    var edgeBps = Stats.Median(edgeRuns.Select(r => r.Result.BytesPerSecond));
    var nginxBps = Stats.Median(nginxRuns.Select(r => r.Result.BytesPerSecond));
    var edgeCpu = Stats.Median(edgeRuns.Select(r => r.Cpu / (r.Result.Bytes / 1e9)));
    var nginxCpu = Stats.Median(nginxRuns.Select(r => r.Cpu / (r.Result.Bytes / 1e9)));
    var errors = edgeRuns.Concat(nginxRuns).Sum(r => r.Result.SocketErrors + r.Result.StatusErrors);
    // Judged on the median of each round's ratio: the two runs of a round are back to back, so a slow spell of
    // the shared machine weighs on both sides of a ratio rather than on one side of the medians.
    var rpsRatio = Stats.Median(edgeRuns.Zip(nginxRuns, (e, n) => e.Result.RequestsPerSecond / n.Result.RequestsPerSecond));
    var bpsRatio = Stats.Median(edgeRuns.Zip(nginxRuns, (e, n) => e.Result.BytesPerSecond / n.Result.BytesPerSecond));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median  edge   {edgeRps,12:0} {edgeBps / 1e6,9:0}   CPU {edgeCpu:0.00} s/GB"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median  nginx  {nginxRps,12:0} {nginxBps / 1e6,9:0}   CPU {nginxCpu:0.00} s/GB"));
    Console.WriteLine($"machine: load average {LoadAverage()} (after)");
    var pass = rpsRatio >= Target && bpsRatio >= Target && errors == 0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT edge/nginx (median of the rounds' ratios) requests/s {rpsRatio:0.00}, bytes/s {bpsRatio:0.00} (target >= {Target:0.0}); CPU per GB edge/nginx {edgeCpu / nginxCpu:0.00}; errors {errors}: {(pass ? "PASS" : "FAIL")}"));
    return pass ? 0 : 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled");
    return 2;
}
catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
{
    Console.Error.WriteLine("bench/edge: " + e.Message);
    return 2;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
