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

    /// <summary>From /healthz answering to the idle measurement: the start-up's JIT work settles first (it was most of the "idle" CPU at 5 s).</summary>
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
        var report = new List<string> { $"fill lists of {options.FillTitles} titles", "database    edges  heartbeats/s  origin CPU % of a core  (idle)  CPU ms/heartbeat (above idle)  p50 ms  p99 ms  failed  postgres CPU %  reply KB" };
        var pass = true;
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

                // Idle first: the origin's own background work (catalog sync, leases, metrics) without any heartbeat.
                await Task.Delay(Settle, cancellationToken);
                var idleStart = origin.CpuSeconds();
                var idleProfiling = options.Profile ? Profiler.RecordAsync(origin.Pid, TimeSpan.FromSeconds(10), Path.Combine(folder, "perf-idle-" + name), cancellationToken) : Task.CompletedTask;
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                var idlePerSecond = (origin.CpuSeconds() - idleStart) / 10;
                await idleProfiling;

                using var load = new HeartbeatLoad(address, key, edges);
                await load.RegisterAllAsync(cancellationToken);
                var running = load.RunAsync(WarmUp + window + TimeSpan.FromSeconds(1), cancellationToken);
                await Task.Delay(WarmUp, cancellationToken);
                load.Record(true);
                var pgData = Path.Combine(postgres.Folder, "data");
                var pgBefore = ProcessCpu.Seconds(CpuMeter.Postgres(pgData));
                var before = origin.CpuSeconds();
                var at = DateTime.UtcNow;
                var profiling = options.Profile ? Profiler.RecordAsync(origin.Pid, window, Path.Combine(folder, "perf-" + name), cancellationToken) : Task.CompletedTask;
                await Task.Delay(window, cancellationToken);
                var cpu = origin.CpuSeconds() - before;
                var pgCpu = ProcessCpu.Seconds(CpuMeter.Postgres(pgData)) - pgBefore;
                var seconds = (DateTime.UtcNow - at).TotalSeconds;
                load.Record(false);
                var (completed, failed) = load.Counts();
                var (p50, p99) = load.Latency();
                var replyKb = load.ReplyBytes() / 1024.0 / Math.Max(1, completed + failed);
                await running;
                await profiling;

                var perSecond = completed / seconds;
                var percent = cpu / seconds * 100;
                var perBeat = (cpu - (idlePerSecond * seconds)) * 1000 / Math.Max(1, completed);
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{database,-10} {edges,6} {perSecond,13:F0} {percent,23:F1} {idlePerSecond * 100,7:F1} {perBeat,30:F3} {p50,7:F1} {p99,7:F1} {failed,7} {pgCpu / seconds * 100,15:F1} {replyKb,9:F2}");
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
