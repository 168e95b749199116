using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Marquee.Bench.Search.Dataset;
using Marquee.Bench.Search.Measuring;
using Marquee.Origin;
using Microsoft.Data.Sqlite;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>
/// The serving half of bench/recommendations: <c>GET /api/v1/browse</c> with personal rows at 100,000 titles, beside
/// today's non-personal browse on the same data, in the same run. Seeds bench/search's generated catalog, accounts and
/// viewing signals for thousands of profiles, starts a real origin, asks it to rebuild the model, then measures browse
/// as three viewers in alternating rounds at a steady rate: one with history (personal rows), one signed in without
/// history, and anonymous.
/// </summary>
internal static class ServingBench
{
    /// <summary>Bump when the catalog generator or seeder changes, so a kept catalog is not reused for different data.</summary>
    private const int CatalogVersion = 1;

    public static async Task<int> MainAsync(string[] args)
    {
        var parsed = ServingArguments.Parse(args, out var error);
        if (parsed is null)
        {
            if (error is not null)
            {
                Console.Error.WriteLine(error);
            }

            Console.Error.WriteLine(ServingArguments.Usage);
            return error is null ? 0 : 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });
        // Whatever ends the bench, the origin ends with it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();
        try
        {
            return await RunAsync(parsed, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench/recommendations serving: interrupted");
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or ArgumentException or HttpRequestException or SqliteException)
        {
            Console.Error.WriteLine($"bench/recommendations serving: {e.Message}");
            return 2;
        }
        finally
        {
            ChildProcess.KillAll();
        }
    }

    private static async Task<int> RunAsync(ServingArguments args, CancellationToken cancellationToken)
    {
        var host = OriginHost.Path();
        Console.WriteLine("Marquee recommendations, serving: GET /api/v1/browse with personal rows beside today's non-personal browse, same data, same run");
        var loadBefore = LoadAverage();
        Console.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, load average {loadBefore} (before)"));
        using var folder = ServingFolder.Open(args.Keep, Invariant($"titles={args.Titles} seed={args.Seed} generator={CatalogVersion}"));
        Console.WriteLine($"work:    {folder.Root}{(folder.Kept ? " (kept)" : " (deleted at the end)")}");

        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = Stopwatch.StartNew();
        var catalog = CatalogGenerator.Generate(args.Titles, args.Seed, nowMs);
        Console.WriteLine(Invariant($"catalog: {catalog.Titles.Count} titles (bench/search's generator, seed {args.Seed}), {catalog.OfferedInUs.Count} offered in the US; generated in {clock.Elapsed.TotalSeconds:0.0} s"));
        if (folder.HasCatalog)
        {
            Console.WriteLine("         reusing the seeded catalog in the kept folder");
        }
        else
        {
            clock.Restart();
            await OriginSeeder.SeedAsync(folder.CatalogDatabase, catalog.Titles, cancellationToken);
            folder.MarkCatalog();
            Console.WriteLine(Invariant($"         seeded through the origin's EF model in {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        folder.ResetOriginData();
        BenchAccounts accounts;
        SignalSummary signals;
        await using (var app = OriginApp.Build(OriginSettings.Arguments(folder.OriginData)))
        {
            await OriginApp.InitializeAsync(app, cancellationToken);
            accounts = await BenchAccounts.CreateAsync(app, cancellationToken);
            signals = await SignalWriter.WriteAsync(app, catalog, args, accounts.ViewerProfileId, nowMs, cancellationToken);
        }

        // Release the file before the origin opens it.
        SqliteConnection.ClearAllPools();
        Console.WriteLine(Invariant(
            $"signals: {signals.Profiles} profiles × {args.History} titles in 3 regions plus the viewer's {signals.ViewerTitles}: {signals.ProgressRows} watch_progress, {signals.PlaybackStarts} playback_starts ({signals.StartsLastDay} in the last day), {signals.Ratings} ratings; written in {signals.Seconds:0.0} s"));

        using var http = Client();
        var originUrl = new Uri(Invariant($"http://127.0.0.1:{OriginSettings.FreePort()}/"));
        var environment = OriginSettings.Environment();
        if (args.PerfSeconds > 0)
        {
            foreach (var (key, value) in PerfProfile.Environment())
            {
                environment[key] = value;
            }
        }

        using var origin = ChildProcess.Start("origin", Environment.ProcessPath ?? "dotnet",
            [host, "origin", "--data", folder.OriginData, "--urls", originUrl.ToString().TrimEnd('/')], environment, folder.Root, folder.OriginLog);
        var ready = await origin.WaitReadyAsync(http, new Uri(originUrl, "/healthz"), TimeSpan.FromMinutes(10), cancellationToken);
        Console.WriteLine(Invariant($"origin:  ready in {ready.TotalSeconds:0.0} s from process start (/healthz 200), {originUrl}"));

        var calls = new OriginCalls(http, originUrl);
        var adminToken = await calls.LoginAsync(accounts.AdminEmail, cancellationToken);
        var rebuild = await calls.RebuildAsync(adminToken, cancellationToken);
        Console.WriteLine($"rebuild: POST /{OriginCalls.RebuildPath} → {rebuild.Describe()}");
        var viewerToken = await calls.LoginAsync(accounts.ViewerEmail, cancellationToken);
        double? personalAfter = null;
        if (rebuild.Succeeded)
        {
            personalAfter = await calls.WaitForPersonalRowsAsync(viewerToken, TimeSpan.FromSeconds(60), cancellationToken);
            Console.WriteLine(personalAfter is { } s
                ? Invariant($"         the viewer's browse shows personal rows {s:0.0} s after the rebuild answered")
                : "         the viewer's browse shows no personal row 60 s after the rebuild answered");
        }

        BrowseViewer[] viewers =
        [
            new("personal", viewerToken, Invariant($"signed in, {signals.ViewerTitles} titles of history: personal rows")),
            new("no-history", await calls.LoginAsync(accounts.ColdEmail, cancellationToken), "signed in, a profile without history"),
            new("anonymous", null, "not signed in"),
        ];
        var load = new BrowseLoad(http, originUrl, args.Rate);
        if (args.WarmupSeconds > 0)
        {
            Console.WriteLine(Invariant($"warming up: {args.WarmupSeconds} s per viewer at {args.Rate:0.##}/s ..."));
            foreach (var viewer in viewers)
            {
                var (warm, _) = await load.RunAsync(viewer, Math.Max(1, (int)(args.WarmupSeconds * args.Rate)), cancellationToken);
                if (origin.HasExited || !warm.Any(s => s.Ok))
                {
                    throw new InvalidOperationException($"browse as {viewer.Name} answered no warm-up request, e.g. {warm.FirstOrDefault(s => !s.Ok)?.Error}:\n{origin.Tail(15)}");
                }
            }
        }

        // The bench holds the generated catalog and the setup's garbage: collect it now, not inside a measured round.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Console.WriteLine(Invariant($"measuring: {args.Rounds} rounds of {args.PerRound} requests per viewer at {args.Rate:0.##}/s, open loop, the viewers' order rotating each round ..."));
        var samples = viewers.ToDictionary(v => v.Name, _ => new List<Sample>());
        var cpu = viewers.ToDictionary(v => v.Name, _ => (double?)0);
        var bodies = new Dictionary<string, byte[]?>();
        for (var round = 0; round < args.Rounds; round++)
        {
            for (var k = 0; k < viewers.Length; k++)
            {
                var viewer = viewers[(round + k) % viewers.Length];
                var before = ProcessCpu.Seconds(origin.Id);
                var took = Stopwatch.StartNew();
                var (measured, body) = await load.RunAsync(viewer, args.PerRound, cancellationToken);
                var roundCpu = ProcessCpu.Seconds(origin.Id) - before;
                cpu[viewer.Name] += roundCpu;
                // Progress, and a plain sign when the origin cannot keep up with the rate: the round outlasts its schedule.
                Console.WriteLine(Invariant(
                    $"  round {round + 1}/{args.Rounds} {viewer.Name,-10} p50 {LatencyStats.From(measured).P50,7:0.0} ms  p99 {LatencyStats.From(measured).P99,7:0.0} ms  took {took.Elapsed.TotalSeconds,5:0.0} s for {args.PerRound / args.Rate:0.0} s of requests  origin CPU {(roundCpu is { } c ? (c * 1000 / args.PerRound).ToString("0.0", CultureInfo.InvariantCulture) : "-")} ms/req"));
                samples[viewer.Name].AddRange(measured);
                bodies.TryAdd(viewer.Name, body);
            }
        }

        var loadAfter = LoadAverage();
        if (args.PerfSeconds > 0)
        {
            await ProfileAsync(args, origin, load, viewers[0], folder, cancellationToken);
        }

        Console.WriteLine($"machine: load average {loadAfter} (after)");
        var results = viewers.Select(v =>
        {
            var rows = BrowseRows.Parse(bodies.GetValueOrDefault(v.Name));
            var count = samples[v.Name].Count;
            return new ViewerResult(v.Name, v.Description, LatencyStats.From(samples[v.Name]),
                cpu[v.Name] is { } seconds ? Math.Round(seconds * 1000 / count, 2) : null, bodies.GetValueOrDefault(v.Name)?.Length ?? 0, rows.ToString(), rows.HasPersonal);
        }).ToList();

        var result = ServingReport.Judge(args, loadBefore, loadAfter, signals, ready.TotalSeconds, rebuild, personalAfter, results);
        ServingReport.Print(result, Console.Out);
        await ServingReport.WriteJsonAsync(result, folder.ResultsFile, cancellationToken);
        if (folder.Kept)
        {
            Console.WriteLine($"kept: {folder.ResultsFile}, {folder.OriginLog}");
        }

        return result.Pass ? 0 : 1;
    }

    /// <summary>perf of the origin while the personal viewer's browse runs at the same rate; the report goes to perf.txt and its top to the console.</summary>
    private static async Task ProfileAsync(ServingArguments args, ChildProcess origin, BrowseLoad load, BrowseViewer viewer, ServingFolder folder, CancellationToken cancellationToken)
    {
        Console.WriteLine(Invariant($"profiling: perf record of the origin for {args.PerfSeconds} s of {viewer.Name} browse at {args.Rate:0.##}/s ..."));
        var browsing = load.RunAsync(viewer, (int)(args.PerfSeconds * args.Rate), cancellationToken);
        var report = await PerfProfile.RecordAsync(origin.Id, args.PerfSeconds, Path.Combine(folder.Root, "perf.data"), cancellationToken);
        await browsing;
        await File.WriteAllTextAsync(folder.PerfFile, report + "\n", cancellationToken);
        Console.WriteLine(string.Join('\n', report.Split('\n').Take(32).Select(l => "  " + l)));
        Console.WriteLine($"  (the whole report: {folder.PerfFile}{(folder.Kept ? "" : ", deleted with the work folder: use --keep")})");
    }

    private static HttpClient Client() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        MaxConnectionsPerServer = 1_000,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        // The rebuild answers when the model is built: minutes at the issue's sizes are allowed.
        Timeout = TimeSpan.FromMinutes(15),
    };

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
