using System.Globalization;
using System.Net;
using Marquee.Bench.Edge;

// Cached-segment serving: one edge (tokens verified, objects hot) against nginx on the same files, the same load,
// alternating in each round; medians of the rounds' ratios edge/nginx. See README.md for the modes.
const double RequestsTarget = 1.0;
const double CpuTarget = 1.1;
const int WarmSeconds = 8;
const int ManyConnections = 1024;

if (args is ["--hold", var holdServer, var holdPath, var holdCount, var holdSource])
{
    // The idle-connection holder, started by IdleConnections as a process of its own.
    return await IdleHolder.RunAsync(new Uri(holdServer), holdPath, int.Parse(holdCount, CultureInfo.InvariantCulture), IPAddress.Parse(holdSource));
}

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
    (string Certificate, string Key)? tls = parsed.Mode == BenchMode.Tls ? await BenchCertificate.EnsureAsync(parsed.OutFolder, ct) : null;
    using var nginx = await Nginx.StartAsync(parsed.OutFolder, tls, ct);
    await using var edge = await EdgeHost.StartAsync(nginx.Origin, Path.Combine(parsed.OutFolder, "edge-cache"), tls, parsed.SendFiles);
    var token = EdgeHost.Token(MediaPackage.Prefix);
    var nginxPaths = Path.Combine(parsed.OutFolder, "paths-nginx.txt");
    var edgePaths = Path.Combine(parsed.OutFolder, "paths-edge.txt");
    File.WriteAllLines(nginxPaths, segments.Select(s => s.Path));
    File.WriteAllLines(edgePaths, segments.Select(s => s.Path + "?token=" + token));
    var script = Wrk.WriteScript(parsed.OutFolder);

    var total = segments.Sum(s => s.Bytes);
    Console.WriteLine($"Marquee edge benchmark ({parsed.Mode.ToString().ToLowerInvariant()}): cached segments, one edge vs nginx, same load");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"objects: {segments.Count} CMAF segments (all renditions + audio), {total / 1e6:0.0} MB, {segments.Min(s => s.Bytes) / 1e3:0} kB to {segments.Max(s => s.Bytes) / 1e6:0.00} MB, mean {total / segments.Count / 1e3:0} kB"));
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (before)");

    // Warm: the edge fetches each object once from nginx, and the next two requests move it into the hot tier.
    using (var http = BenchHttp.Client(edge.Address))
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

    if (parsed.Mode == BenchMode.Idle)
    {
        var first = segments[0].Path;
        var (edgeBytes, _) = await IdleConnections.MeasureAsync(edge.Address, first + "?token=" + token, parsed.IdleCount, IPAddress.Parse("127.0.0.2"),
            IdleConnections.CollectedSelf, ct);
        var nginxPids = ProcessCpu.WithChildren(nginx.Pid);
        var (nginxBytes, _) = await IdleConnections.MeasureAsync(nginx.Address, first, parsed.IdleCount, IPAddress.Parse("127.0.0.3"),
            () => IdleConnections.ResidentBytes(nginxPids), ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT memory per idle keep-alive connection at {parsed.IdleCount} connections: edge {edgeBytes / 1024:0.0} KiB, nginx {nginxBytes / 1024:0.0} KiB, edge/nginx {edgeBytes / nginxBytes:0.00}"));
        return 0;
    }

    Comparison.Load wrk = (server, paths, seconds, c) => Wrk.RunAsync(script, server, paths, parsed.Threads, parsed.Connections, seconds, c);
    Comparison.Load wrkMany = (server, paths, seconds, c) => Wrk.RunAsync(script, server, paths, parsed.Threads, ManyConnections, seconds, c);
    Comparison.Load h2 = (server, paths, seconds, c) => H2Load.RunAsync(server, paths, parsed.Threads, parsed.Connections, seconds, c);

    // Under load for a while: the edge's JIT tiers up its hot paths (tiered PGO) in the first seconds.
    await wrk(edge.Address, edgePaths, WarmSeconds, ct);
    await wrk(nginx.Address, nginxPaths, WarmSeconds, ct);

    var verdicts = new List<(string Name, Comparison.Summary Summary)>();
    var protocol = tls is null ? "HTTP/1.1" : "HTTPS HTTP/1.1";
    verdicts.Add(($"{protocol} c{parsed.Connections}", await Comparison.RunAsync(
        $"{protocol} keep-alive, wrk -t{parsed.Threads} -c{parsed.Connections} -d{parsed.Seconds}s, {parsed.Rounds} rounds",
        wrk, edge.Address, edgePaths, nginx.Address, nginxPaths, nginx.Pid, parsed.Rounds, parsed.Seconds, ct)));
    if (tls is null)
    {
        var rounds = Math.Max(1, (parsed.Rounds + 1) / 2);
        verdicts.Add(($"HTTP/1.1 c{ManyConnections}", await Comparison.RunAsync(
            $"HTTP/1.1 keep-alive, wrk -t{parsed.Threads} -c{ManyConnections} -d{parsed.Seconds}s, {rounds} rounds (p99 at many connections)",
            wrkMany, edge.Address, edgePaths, nginx.Address, nginxPaths, nginx.Pid, rounds, parsed.Seconds, ct)));
    }
    else
    {
        await h2(edge.Address, edgePaths, WarmSeconds, ct);
        verdicts.Add(($"HTTPS HTTP/2 c{parsed.Connections}", await Comparison.RunAsync(
            $"HTTPS HTTP/2, h2load -t{parsed.Threads} -c{parsed.Connections} -m1 -D{parsed.Seconds}, {parsed.Rounds} rounds",
            h2, edge.Address, edgePaths, nginx.Address, nginxPaths, nginx.Pid, parsed.Rounds, parsed.Seconds, ct)));
    }

    Console.WriteLine();
    Console.WriteLine($"machine: load average {LoadAverage()} (after)");
    var pass = true;
    foreach (var (name, s) in verdicts)
    {
        var met = s.RequestsRatio >= RequestsTarget && s.CpuRatio <= CpuTarget && s.Errors == 0;
        pass &= met;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {name}: edge/nginx requests/s {s.RequestsRatio:0.00} (target >= {RequestsTarget:0.0}), CPU per GB {s.CpuRatio:0.00} (target <= {CpuTarget:0.0}); p99 edge {Ms(s.EdgeP99)} ms, nginx {Ms(s.NginxP99)} ms; edge allocates {s.EdgeAllocatedPerRequest:0} B/request; errors {s.Errors}: {(met ? "PASS" : "FAIL")}"));
    }

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

static string Ms(double value) => value < 0 || double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture);

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
