using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Marquee.Bench.Party.Measuring;
using Marquee.Bench.Party.Reporting;
using Marquee.Bench.Party.Simulation;
using Marquee.Bench.Recommendations.Serving;
using Marquee.Bench.Search.Measuring;

namespace Marquee.Bench.Party;

/// <summary>
/// Seeds accounts and a film, starts a real origin (<c>marquee origin</c>), signs every member in through the API,
/// and runs the scenarios: drift at each round trip (and the pause's arrival), chaos, and 1,000 members at once
/// with the origin's CPU; every group of synced members beside naive ones with the same links, in the same run.
/// </summary>
internal static class PartyBench
{
    // NaN stands for "no samples" (a figure with nothing behind it), and JSON has no other word for it.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> MainAsync(string[] args)
    {
        var parsed = PartyArguments.Parse(args, out var error);
        if (parsed is null)
        {
            if (error is null)
            {
                Console.WriteLine(PartyArguments.Usage);
                return 0;
            }

            Console.Error.WriteLine(error);
            Console.Error.WriteLine(PartyArguments.Usage);
            return 2;
        }

        if (parsed.SelfCheck)
        {
            return SelfCheck.Run(Console.Out) ? 0 : 1;
        }

        // A thousand connections' continuations must not wait for the thread pool to grow one thread at a time.
        ThreadPool.SetMinThreads(32, 32);
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
            Console.Error.WriteLine("bench/party: interrupted");
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or ArgumentException or HttpRequestException or JsonException)
        {
            Console.Error.WriteLine($"bench/party: {e.Message}");
            return 2;
        }
        finally
        {
            ChildProcess.KillAll();
        }
    }

    private static async Task<int> RunAsync(PartyArguments args, CancellationToken cancellationToken)
    {
        var host = OriginHost.Path();
        var log = Console.Out;
        log.WriteLine("Marquee watch-party bench: simulated members (SignalR clients with injected latency, jitter and clock skew) against a real origin, beside naive members");
        log.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (before)"));
        using var folder = PartyFolder.Open(args.Keep);
        log.WriteLine($"work:    {folder.Root}{(folder.Kept ? " (kept)" : " (deleted at the end)")}");

        var accounts = (args.MembersNeeded + PartySeed.ProfilesPerAccount - 1) / PartySeed.ProfilesPerAccount;
        var clock = Stopwatch.StartNew();
        string playableId;
        if (folder.Seeded is { } seeded && seeded.Accounts >= accounts)
        {
            playableId = seeded.PlayableId;
            log.WriteLine(Invariant($"seed:    reusing {seeded.Accounts} accounts and the film from the kept folder"));
        }
        else
        {
            folder.Reset();
            playableId = await PartySeed.RunAsync(folder.OriginData, accounts, cancellationToken);
            folder.MarkSeeded(playableId, accounts);
            log.WriteLine(Invariant($"seed:    migrations, {accounts} premium accounts × {PartySeed.ProfilesPerAccount} profiles and one film licensed everywhere, through the origin's services, in {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        using var http = Client();
        var originUrl = new Uri(Invariant($"http://127.0.0.1:{OriginSettings.FreePort()}/"));
        using var origin = ChildProcess.Start("origin", Environment.ProcessPath ?? "dotnet",
            [host, "origin", "--data", folder.OriginData, "--urls", originUrl.ToString().TrimEnd('/')], PartySeed.Environment(), folder.Root, folder.OriginLog);
        var ready = await origin.WaitReadyAsync(http, new Uri(originUrl, "/healthz"), TimeSpan.FromMinutes(5), cancellationToken);
        log.WriteLine(Invariant($"origin:  ready in {ready.TotalSeconds:0.0} s (/healthz 200), {originUrl}, pid {origin.Id}"));

        clock.Restart();
        var tokens = await SignIn.TokensAsync(http, originUrl, args.MembersNeeded, folder.Kept ? Path.Combine(folder.Root, "tokens.txt") : null, cancellationToken);
        log.WriteLine(Invariant($"members: {tokens.Count} signed in (POST /api/v1/auth/login per account, POST /api/v1/profiles/{{id}}/select per member) in {clock.Elapsed.TotalSeconds:0.0} s"));

        using var sim = new Scheduler();
        var context = new ScenarioContext(sim, http, originUrl, tokens, playableId, args, log);
        var rows = new List<Row>();
        var results = new Dictionary<string, object>();
        var notes = new Tally();

        void Collect(string name, IReadOnlyList<PartyRun> runs)
        {
            foreach (var run in runs)
            {
                run.Errors.AddTo(notes);
                run.Notes.AddTo(notes);
            }

            results[name] = runs.GroupBy(r => r.Group).ToDictionary(g => g.Key, g => new
            {
                parties = g.Count(),
                driftPlayMs = g.SelectMany(r => r.DriftPlay).Order().Select(Round).ToArray(),
                driftAfterCommandMs = g.SelectMany(r => r.DriftAfterCommand).Order().Select(Round).ToArray(),
                pauseMs = g.SelectMany(r => r.PauseLatencies()).Order().Select(Round).ToArray(),
                waitingMs = g.SelectMany(r => r.WaitingRuns).Order().Select(Round).ToArray(),
                catchUpMs = g.SelectMany(r => r.CatchUpMs).Order().Select(Round).ToArray(),
            });
        }

        var failed = new List<string>();
        async Task Guard(string name, Func<Task> body)
        {
            try
            {
                await body();
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or HttpRequestException or JsonException or AggregateException
                                          or Microsoft.AspNetCore.SignalR.HubException or System.Net.WebSockets.WebSocketException)
            {
                // One scenario failing (the server refusing, say) should not hide the figures of the others.
                failed.Add($"{name}: {e.GetBaseException().Message}");
                log.WriteLine($"         {name} failed: {e.GetBaseException().Message}");
            }
        }

        if (args.Scenarios.Contains("drift"))
        {
            await Guard("drift", async () =>
            {
                var groups = args.Rtts.SelectMany(rtt => new[] { Algorithm.Synced, Algorithm.Naive }.Select(a =>
                    new GroupSpec(Results.GroupName("drift", rtt, a), a, rtt, args.Parties, args.Size, Chaos: false))).ToList();
                Heading(log, $"drift: {args.Parties} parties × {args.Size} members per group, groups {string.Join(", ", groups.Select(g => g.Name))}; the host plays, pauses, plays, seeks every 3–12 s for {args.Seconds} s");
                var runs = await Scenario.RunAsync(context, groups, Scripts.Drift(args.Seconds), args.Seconds, null, null, cancellationToken);
                Collect("drift", runs);
                rows.AddRange(args.Rtts.SelectMany(rtt => Results.Drift("drift", runs, rtt, "drift")));
                rows.Add(Results.Joined("drift", runs));
                rows.Add(Results.HubLag("drift", runs));
                Lag(log, sim);
            });
        }

        if (args.Scenarios.Contains("pause"))
        {
            await Guard("pause", async () =>
            {
                var groups = args.Rtts.SelectMany(rtt => new[] { Algorithm.Synced, Algorithm.Naive }.Select(a =>
                    new GroupSpec(Results.GroupName("pause", rtt, a), a, rtt, args.Parties, args.Size, Chaos: false))).ToList();
                Heading(log, $"pause: {args.Parties} parties × {args.Size} members per group; the host pauses and plays every 2–4 s for {args.Seconds} s");
                var runs = await Scenario.RunAsync(context, groups, Scripts.Pause(args.Seconds), args.Seconds, null, null, cancellationToken);
                Collect("pause", runs);
                rows.AddRange(args.Rtts.SelectMany(rtt => Results.Drift("pause", runs, rtt, "pause")));
                rows.Add(Results.Joined("pause", runs));
                rows.Add(Results.HubLag("pause", runs));
                Lag(log, sim);
            });
        }

        if (args.Scenarios.Contains("chaos"))
        {
            await Guard("chaos", async () =>
            {
                var rtt = args.Rtts[0];
                var groups = new[] { Algorithm.Synced, Algorithm.Naive }.Select(a => new GroupSpec(Results.GroupName("chaos", rtt, a), a, rtt, args.Parties, args.ChaosSize, Chaos: true)).ToList();
                Heading(log, $"chaos: {args.Parties} parties × {args.ChaosSize} members per group at {rtt:0} ms RTT, every other party waiting for everyone; guests buffer 1–5 s, die without Leave and come back 3–20 s later, or freeze 11–15 s; {args.Seconds} s");
                var runs = await Scenario.RunAsync(context, groups, Scripts.Chaos(args.Seconds), args.Seconds, null, null, cancellationToken);
                Collect("chaos", runs);
                rows.AddRange(Results.Chaos(runs, rtt));
                rows.Add(Results.Joined("chaos", runs));
                rows.Add(Results.HubLag("chaos", runs));
                Lag(log, sim);
            });
        }

        if (args.Scenarios.Contains("scale"))
        {
            await Guard("scale", async () => rows.AddRange(await ScaleAsync(context, origin, Collect, cancellationToken)));
        }

        log.WriteLine();
        log.WriteLine(Invariant($"machine: load average {LoadAverage()} (after); harness errors: {sim.Errors}{(sim.FirstError is null ? "" : " (" + sim.FirstError + ")")}"));
        if (notes.Total > 0)
        {
            log.WriteLine("what the server said that was not a plain success (count, first examples):");
            foreach (var (kind, count, examples) in notes.Items)
            {
                log.WriteLine($"  {kind} ×{count}: {string.Join(" | ", examples)}");
            }
        }

        foreach (var line in PartyRun.Debug ?? [])
        {
            log.WriteLine("debug:   " + line);
        }

        log.WriteLine();
        Row.Print(log, rows);
        var targeted = rows.Where(r => r.Met is not null).ToList();
        var pass = targeted.All(r => r.Met == true);
        log.WriteLine();
        log.WriteLine("overall: " + (pass ? "every target met" : "MISSED: " + string.Join(", ", targeted.Where(r => r.Met != true).Select(r => $"{r.Scenario} {r.Metric}"))));
        foreach (var failure in failed)
        {
            log.WriteLine("failed:  " + failure);
        }

        results["failed"] = failed;
        results["rows"] = rows;
        results["markdown"] = Row.Markdown(rows);
        await File.WriteAllTextAsync(folder.ResultsFile, JsonSerializer.Serialize(results, Indented), cancellationToken);
        if (folder.Kept)
        {
            log.WriteLine($"kept:    {folder.ResultsFile}, {folder.OriginLog}");
        }

        return failed.Count > 0 ? 2 : pass ? 0 : 1;
    }

    private static async Task<List<Row>> ScaleAsync(ScenarioContext context, ChildProcess origin, Action<string, IReadOnlyList<PartyRun>> collect, CancellationToken cancellationToken)
    {
        var args = context.Args;
        var log = context.Log;
        var parties = args.Members / PartyArguments.ScalePartySize;
        var naiveParties = Math.Max(1, parties / 10);
        const double rtt = 150;
        var groups = new List<GroupSpec>
        {
            new(Results.GroupName("scale", rtt, Algorithm.Synced), Algorithm.Synced, rtt, parties - naiveParties, PartyArguments.ScalePartySize, Chaos: false),
            new(Results.GroupName("scale", rtt, Algorithm.Naive), Algorithm.Naive, rtt, naiveParties, PartyArguments.ScalePartySize, Chaos: false),
        };
        Heading(log, $"scale: {args.Members} members in {parties} parties of {PartyArguments.ScalePartySize} ({parties - naiveParties} synced, {naiveParties} naive) at {rtt:0} ms RTT on one origin; the drift script for {args.ScaleSeconds} s");

        // The reference for the CPU: the same origin doing nothing, measured just before.
        var idleBefore = ProcessCpu.Seconds(origin.Id);
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        var idleCores = (ProcessCpu.Seconds(origin.Id) - idleBefore) / 10;

        double? cpuBefore = null, cpuAfter = null;
        var harnessBefore = TimeSpan.Zero;
        var harnessAfter = TimeSpan.Zero;
        var window = Stopwatch.StartNew();
        double windowSeconds = 0;
        var traffic = new Dictionary<string, long>();
        var runs = await Scenario.RunAsync(context, groups, Scripts.Drift(args.ScaleSeconds), args.ScaleSeconds,
            _ =>
            {
                cpuBefore = ProcessCpu.Seconds(origin.Id);
                Traffic.Take();
                harnessBefore = Process.GetCurrentProcess().TotalProcessorTime;
                context.Sim.TakeLateness();
                window.Restart();
                return Task.CompletedTask;
            },
            () =>
            {
                cpuAfter = ProcessCpu.Seconds(origin.Id);
                harnessAfter = Process.GetCurrentProcess().TotalProcessorTime;
                windowSeconds = window.Elapsed.TotalSeconds;
                traffic = Traffic.Take();
                return Task.CompletedTask;
            },
            cancellationToken);
        collect("scale", runs);
        var lateness = context.Sim.TakeLateness();
        var cpuSeconds = cpuAfter - cpuBefore;
        var cores = cpuSeconds / windowSeconds;
        var perMemberMinute = cpuSeconds * 1000 / (args.Members * windowSeconds / 60);
        var harnessCores = (harnessAfter - harnessBefore).TotalSeconds / windowSeconds;
        log.WriteLine(Invariant($"         origin CPU {cpuSeconds:0.0} s over {windowSeconds:0.0} s; idle {idleCores:0.000} cores; the harness itself {harnessCores:0.00} cores, its timers late p50 {Stats.Median(lateness):0.0} ms, p99 {Stats.Percentile(lateness, 0.99):0.0} ms"));
        log.WriteLine($"         messages over the window: {Traffic.Describe(traffic, windowSeconds)}");
        var drift = Results.Drift("scale", runs, rtt, "scale");
        return
        [
            new Row("scale", $"origin CPU, {args.Members} members", cores, null, "cores",
                Note: Invariant($"reference: the idle origin {idleCores:0.000} cores; the harness on the same 2 cores used {harnessCores:0.00}")),
            new Row("scale", "origin CPU per member-minute", perMemberMinute, null, "ms",
                Note: "heartbeat (Report) each second, a ping every 2 s, the host's commands and their broadcasts"),
            .. drift,
            Results.Joined("scale", runs),
            Results.HubLag("scale", runs),
        ];
    }

    private static void Heading(TextWriter log, string text)
    {
        log.WriteLine();
        log.WriteLine("== " + text);
    }

    private static void Lag(TextWriter log, Scheduler sim)
    {
        var lateness = sim.TakeLateness();
        log.WriteLine(Invariant($"         harness timers late p50 {Stats.Median(lateness):0.0} ms, p99 {Stats.Percentile(lateness, 0.99):0.0} ms (how far the simulation itself fell behind)"));
    }

    private static double Round(double value) => Math.Round(value, 1);

    private static HttpClient Client() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        MaxConnectionsPerServer = 256,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = TimeSpan.FromMinutes(2),
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
