using Marquee.Bench.Edge;
using System.Globalization;

namespace Marquee.Bench.Scale;

/// <summary>
/// <c>run playback</c>: playbacks/s of two origins on PostgreSQL + Redis behind haproxy ÷ one origin on SQLite,
/// the same wrk load on each, alternating rounds, with every process's CPU per playback.
/// </summary>
internal static class PlaybackBench
{
    /// <summary>
    /// wrk stops with up to 4 leases per viewer not yet released; they lapse after this, and every run waits that
    /// long first, so no run starts with its viewers' slots taken.
    /// </summary>
    private static readonly Dictionary<string, string> ShortLeases = new() { ["Accounts:StreamLeaseTime"] = "00:00:03" };

    public static async Task<int> RunAsync(BenchArguments options, CancellationToken cancellationToken)
    {
        var folder = Scratch.Fresh(options.OutFolder, "playback");
        var threads = options.Threads;
        Console.WriteLine($"playback: {threads} viewers (premium, 4 streams) × {PlaybackWrk.ConnectionsPerThread} connections, wrk -t{threads} -c{threads * PlaybackWrk.ConnectionsPerThread}, {options.Rounds} rounds of {options.Seconds} s each side");

        // One origin on SQLite.
        var sqliteData = Path.Combine(folder, "sqlite");
        var sqliteSeed = await Seed.RunAsync(sqliteData, new Dictionary<string, string>(), threads, 1, cancellationToken);
        var (single, singleAddress) = await Origins.StartAsync("origin-sqlite", options.Repository, sqliteData, ShortLeases, folder, cancellationToken);
        await using var singleStop = single;

        // Two origins on PostgreSQL + Redis behind haproxy.
        var (postgres, url) = await Backing.PostgresAsync(folder, "bench", cancellationToken);
        await using var postgresStop = postgres;
        await using var redis = Backing.Redis(folder, out var redisUrl);
        var shared = new Dictionary<string, string>
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = url,
            ["Redis:Connection"] = redisUrl,
            ["Accounts:StreamLeaseTime"] = ShortLeases["Accounts:StreamLeaseTime"],
        };
        var pgSeed = await Seed.RunAsync(Path.Combine(folder, "pg-1"), shared, threads, 1, cancellationToken);
        var (first, firstAddress) = await Origins.StartAsync("origin-pg-1", options.Repository, Path.Combine(folder, "pg-1"), shared, folder, cancellationToken);
        await using var firstStop = first;
        var (second, secondAddress) = await Origins.StartAsync("origin-pg-2", options.Repository, Path.Combine(folder, "pg-2"), shared, folder, cancellationToken);
        await using var secondStop = second;
        var (haproxy, haproxyAddress) = await Backing.HaproxyAsync(folder, [firstAddress, secondAddress], cancellationToken);
        await using var haproxyStop = haproxy;

        using var http = new HttpClient();
        var singleTokens = await TokensFileAsync(http, singleAddress, sqliteSeed.ViewerEmails, Path.Combine(folder, "tokens-sqlite.txt"), cancellationToken);
        var pairTokens = await TokensFileAsync(http, haproxyAddress, pgSeed.ViewerEmails, Path.Combine(folder, "tokens-pg.txt"), cancellationToken);
        var script = PlaybackWrk.WriteScript(folder);

        var sides = new[]
        {
            new Side("1 origin, SQLite", singleAddress, sqliteSeed.TitleIds[0], singleTokens, ["origin (SQLite)", "load generator"]),
            new Side("2 origins, PostgreSQL + Redis, haproxy", haproxyAddress, pgSeed.TitleIds[0], pairTokens, ["origin 1 (PG)", "origin 2 (PG)", "postgres", "haproxy", "redis", "load generator"]),
        };
        var pgData = Path.Combine(postgres.Folder, "data");
        var meter = new CpuMeter(
        [
            ("origin (SQLite)", () => [single.Pid]),
            ("origin 1 (PG)", () => [first.Pid]),
            ("origin 2 (PG)", () => [second.Pid]),
            ("postgres", () => CpuMeter.Postgres(pgData)),
            ("haproxy", () => [haproxy.Pid]),
            ("redis", () => [redis.Pid]),
        ]);

        Console.WriteLine("warm-up: 5 s each side");
        foreach (var side in sides)
        {
            await Task.Delay(LeaseLapse, cancellationToken);
            await PlaybackWrk.RunAsync(script, side.Address, side.TitleId, side.TokensFile, threads, 5, cancellationToken);
        }

        var results = sides.ToDictionary(s => s.Name, _ => new List<(PlaybackRun Run, Dictionary<string, double> Cpu)>());
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var side in round % 2 == 0 ? sides : sides.Reverse())
            {
                await Task.Delay(LeaseLapse, cancellationToken);
                var before = meter.Take();
                var run = await PlaybackWrk.RunAsync(script, side.Address, side.TitleId, side.TokensFile, threads, options.Seconds, cancellationToken);
                var cpu = meter.Take().Since(before);
                results[side.Name].Add((run, cpu));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round + 1} {side.Name,-40} {run.PlaybacksPerSecond,8:F0} playbacks/s  p50 {run.P50.TotalMilliseconds,6:F1} ms  p99 {run.P99.TotalMilliseconds,6:F1} ms  releases {run.Released}  429s {run.Capped}  other refusals {run.Refused}  socket errors {run.SocketErrors}  machine busy {cpu["machine"] / cpu["seconds"] * 100 / Environment.ProcessorCount,4:F0} %"));
            }
        }

        var report = new List<string>();
        var medians = new Dictionary<string, double>();
        var capacity = new Dictionary<string, double>();
        foreach (var side in sides)
        {
            var runs = results[side.Name];
            var median = Stats.Median(runs.Select(r => r.Run.PlaybacksPerSecond));
            medians[side.Name] = median;
            report.Add(string.Create(CultureInfo.InvariantCulture, $"{side.Name}: median {median:F0} playbacks/s (rounds: {string.Join(", ", runs.Select(r => r.Run.PlaybacksPerSecond.ToString("F0", CultureInfo.InvariantCulture)))}), p50 {Stats.Median(runs.Select(r => r.Run.P50.TotalMilliseconds)):F1} ms, p99 {Stats.Median(runs.Select(r => r.Run.P99.TotalMilliseconds)):F1} ms"));
            var granted = runs.Sum(r => r.Run.Granted);
            var cpuLines = runs[0].Cpu.Keys
                .Select(k => (Name: k, Seconds: runs.Sum(r => r.Cpu[k])))
                .Where(c => c.Name != "seconds" && (c.Seconds > 0.05 || c.Name == "machine"))
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.Seconds * 1000 / granted:F2}"));
            report.Add("  CPU ms per playback (its POST and its DELETE): " + string.Join(", ", cpuLines));

            // What the side would do if it had both cores to itself: its own processes' CPU per playback.
            var own = runs.Sum(r => r.Cpu.Where(c => side.Processes.Contains(c.Key)).Sum(c => c.Value)) * 1000 / granted;
            capacity[side.Name] = Environment.ProcessorCount * 1000 / own;
            report.Add(string.Create(CultureInfo.InvariantCulture, $"  its processes (with wrk): {own:F2} CPU ms per playback → at most {capacity[side.Name]:F0} playbacks/s on {Environment.ProcessorCount} idle cores"));
        }

        var ratio = medians[sides[1].Name] / medians[sides[0].Name];
        report.Add(string.Create(CultureInfo.InvariantCulture, $"ratio (2 origins PG ÷ 1 origin SQLite): {ratio:F2}  target ≥ 1.6: {(ratio >= 1.6 ? "PASS" : "FAIL")}"));
        report.Add(string.Create(CultureInfo.InvariantCulture, $"CPU-bound ratio (the same from CPU per playback, both sides alone on the machine): {capacity[sides[1].Name] / capacity[sides[0].Name]:F2}"));
        report.Add($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var line in report)
        {
            Console.WriteLine(line);
        }

        await File.WriteAllLinesAsync(Path.Combine(options.OutFolder, "playback-results.txt"), report, cancellationToken);
        return ratio >= 1.6 ? 0 : 1;
    }

    private static readonly TimeSpan LeaseLapse = TimeSpan.FromSeconds(4);

    private static async Task<string> TokensFileAsync(HttpClient http, Uri origin, IReadOnlyList<string> emails, string path, CancellationToken cancellationToken)
    {
        var tokens = new List<string>();
        foreach (var email in emails)
        {
            tokens.Add(await Seed.LoginAsync(http, origin, email, cancellationToken));
        }

        await File.WriteAllLinesAsync(path, tokens, cancellationToken);
        return path;
    }

    private sealed record Side(string Name, Uri Address, string TitleId, string TokensFile, string[] Processes);
}
