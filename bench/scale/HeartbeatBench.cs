using Marquee.Bench.Edge;
using System.Globalization;
using Marquee.Cli.Scale;

namespace Marquee.Bench.Scale;

/// <summary>
/// <c>run heartbeats</c>: for each N, a fresh origin (on SQLite, on PostgreSQL, on PostgreSQL + Redis) heartbeated by N simulated
/// edges every 5 s; its CPU over a steady window, per heartbeat and as % of one core, against its idle CPU.
/// </summary>
internal static class HeartbeatBench
{
    /// <summary>
    /// Long enough for the JIT to have finished with the heartbeat path: at 10 s a seventh of the origin's samples were
    /// still the tiered compiler's thread, which a long-running origin no longer spends.
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);

    /// <summary>From /healthz answering to the first heartbeat.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(BenchArguments options, CancellationToken cancellationToken)
    {
        var folder = Scratch.Fresh(options.OutFolder, "heartbeats");
        var window = TimeSpan.FromSeconds(options.Window);
        var key = Origins.Common["Steering:EdgeKey"];
        Console.WriteLine($"heartbeats: N = {string.Join(", ", options.Edges)} edges, every {HeartbeatLoad.Interval.TotalSeconds:F0} s, warm-up {WarmUp.TotalSeconds:F0} s, window {window.TotalSeconds:F0} s, fill lists of {options.FillTitles} titles ({options.FillTitles * FillSeed.ObjectsPerTitle} keys)");
        var (postgres, _) = await Backing.PostgresAsync(folder, "bench_idle", cancellationToken);
        await using var postgresStop = postgres;
        await using var redis = Backing.Redis(folder, out var redisUrl);
        var report = new List<string> { $"fill lists of {options.FillTitles} titles", "database    edges  heartbeats/s  origin CPU % of a core  (idle)  CPU ms/heartbeat (above idle)  bare ASP.NET Core %  ratio  p50 ms  p99 ms  failed  postgres CPU %  reply KB" };
        var pass = true;
        var references = new Dictionary<int, double>();
        // "pgredis": PostgreSQL with Redis, where a heartbeat that changes nothing steering uses is kept in Redis.
        foreach (var database in options.Databases)
        {
            foreach (var edges in options.Edges)
            {
                var name = $"{database}_{edges.ToString(CultureInfo.InvariantCulture)}";
                var settings = await SettingsAsync(database, name, postgres, cancellationToken);
                if (database == "pgredis")
                {
                    settings["Redis:Connection"] = redisUrl;
                    settings["Redis:Prefix"] = name + ":";
                }

                if (options.FillTitles > 0)
                {
                    await FillSeed.RunAsync(Path.Combine(folder, name), settings, options.FillTitles, HeartbeatLoad.Regions, cancellationToken);
                }

                var (origin, address) = await Origins.StartAsync("origin-" + name, options.Repository, Path.Combine(folder, name), settings, folder, cancellationToken, options.Profile);
                await using var originStop = origin;
                await Task.Delay(Settle, cancellationToken);

                using var load = new HeartbeatLoad(address, key, edges);
                var profile = options.Profile ? Path.Combine(folder, "perf-" + name) : null;
                var (cpu, seconds, pgCpu) = await MeasureAsync(load, origin, postgres, window, profile, cancellationToken);
                var (completed, failed) = load.Counts();
                var (p50, p99) = load.Latency();
                var replyKb = load.ReplyBytes() / 1024.0 / Math.Max(1, completed + failed);

                // Idle after the load rather than before it: by now the start-up's work (JIT, the first model and index
                // builds) is over, which at 20 s after start it was not (it read as more than the loaded origin).
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                var idleStart = origin.CpuSeconds();
                var idleProfiling = options.Profile ? Profiler.RecordAsync(origin.Pid, TimeSpan.FromSeconds(10), Path.Combine(folder, "perf-idle-" + name), cancellationToken) : Task.CompletedTask;
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                var idlePerSecond = (origin.CpuSeconds() - idleStart) / 10;
                await idleProfiling;

                if (!references.TryGetValue(edges, out var reference))
                {
                    reference = await ReferenceAsync(folder, key, load.LastReply ?? [], edges, window, cancellationToken);
                    references[edges] = reference;
                }

                var perSecond = completed / seconds;
                var percent = cpu / seconds * 100;
                var perBeat = (cpu - (idlePerSecond * seconds)) * 1000 / Math.Max(1, completed);
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{database,-10} {edges,6} {perSecond,13:F0} {percent,23:F1} {idlePerSecond * 100,7:F1} {perBeat,30:F3} {reference,19:F1} {percent / reference,6:F2} {p50,7:F1} {p99,7:F1} {failed,7} {pgCpu / seconds * 100,15:F1} {replyKb,9:F2}");
                Console.WriteLine(line);
                report.Add(line);
                if (edges == 1000 && database == "pgredis" && percent > 5)
                {
                    pass = false;
                }
            }
        }

        report.Add($"target ≤ 5 % of one core at 1,000 edges (PostgreSQL + Redis, the scaled setup): {(pass ? "PASS" : "FAIL")}");
        report.Add($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine(string.Join('\n', report.Skip(report.Count - 2)));
        await File.WriteAllLinesAsync(Path.Combine(options.OutFolder, "heartbeats-results.txt"), report, cancellationToken);
        return pass ? 0 : 1;
    }

    /// <summary>Registers every edge, warms up, then the server's CPU over the window while N edges heartbeat it.</summary>
    private static async Task<(double Cpu, double Seconds, double PostgresCpu)> MeasureAsync(
        HeartbeatLoad load, Daemon server, LocalPostgres? postgres, TimeSpan window, string? profile, CancellationToken cancellationToken)
    {
        await load.RegisterAllAsync(cancellationToken);
        var running = load.RunAsync(WarmUp + window + TimeSpan.FromSeconds(1), cancellationToken);
        await Task.Delay(WarmUp, cancellationToken);
        load.Record(true);
        var pgData = postgres is null ? null : Path.Combine(postgres.Folder, "data");
        var pgBefore = pgData is null ? 0 : ProcessCpu.Seconds(CpuMeter.Postgres(pgData));
        var before = server.CpuSeconds();
        var at = DateTime.UtcNow;
        var profiling = profile is not null ? Profiler.RecordAsync(server.Pid, window, profile, cancellationToken) : Task.CompletedTask;
        await Task.Delay(window, cancellationToken);
        var cpu = server.CpuSeconds() - before;
        var pgCpu = pgData is null ? 0 : ProcessCpu.Seconds(CpuMeter.Postgres(pgData)) - pgBefore;
        var seconds = (DateTime.UtcNow - at).TotalSeconds;
        load.Record(false);
        await running;
        await profiling;
        return (cpu, seconds, pgCpu);
    }

    /// <summary>The same N edges against <see cref="HeartbeatReference"/>: % of one core.</summary>
    private static async Task<double> ReferenceAsync(string folder, string key, byte[] reply, int edges, TimeSpan window, CancellationToken cancellationToken)
    {
        var (server, address) = await HeartbeatReference.StartAsync(folder, key, reply, cancellationToken);
        await using var stop = server;
        using var load = new HeartbeatLoad(address, key, edges);
        var (cpu, seconds, _) = await MeasureAsync(load, server, null, window, null, cancellationToken);
        return cpu / seconds * 100;
    }

    private static async Task<Dictionary<string, string>> SettingsAsync(string database, string name, LocalPostgres postgres, CancellationToken cancellationToken)
    {
        if (database == "sqlite")
        {
            return [];
        }

        await postgres.CreateDatabaseAsync(name, cancellationToken);
        return new Dictionary<string, string>
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = postgres.Url(name),
        };
    }
}
