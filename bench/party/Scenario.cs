using System.Text.Json;
using Marquee.Bench.Party.Simulation;

namespace Marquee.Bench.Party;

/// <summary>One group of parties: synced or naive members, a round trip, chaos or not.</summary>
internal sealed record GroupSpec(string Name, Algorithm Algorithm, double RttMs, int Parties, int Size, bool Chaos);

/// <summary>What the host does, from the scenario's start: (seconds, method, seek distance).</summary>
internal static class Scripts
{
    public static List<(double At, string Method, double Delta)> Drift(double seconds) => Cycle(seconds, [(12, "Pause", 0), (3, "Play", 0), (12, "Seek", 95.5), (12, "Seek", -40)]);

    public static List<(double At, string Method, double Delta)> Pause(double seconds) => Cycle(seconds, [(4, "Pause", 0), (2, "Play", 0)]);

    public static List<(double At, string Method, double Delta)> Chaos(double seconds) => Cycle(seconds, [(20, "Pause", 0), (3, "Play", 0), (20, "Seek", 60)]);

    private static List<(double, string, double)> Cycle(double seconds, (double Gap, string Method, double Delta)[] steps)
    {
        var script = new List<(double, string, double)> { (0, "Play", 0) };
        var t = 0.0;
        for (var i = 0; ; i++)
        {
            var (gap, method, delta) = steps[i % steps.Length];
            t += gap;
            // Nothing in the last 4 s: every command's aftermath is inside the window.
            if (t > seconds - 4)
            {
                return script;
            }

            script.Add((t, method, delta));
        }
    }
}

/// <summary>Everything a scenario needs from the bench: the simulation, the origin, the accounts, the film.</summary>
internal sealed record ScenarioContext(Scheduler Sim, HttpClient Http, Uri Origin, IReadOnlyList<string> Tokens, string PlayableId, PartyArguments Args, TextWriter Log);

/// <summary>
/// Runs one scenario against the origin: makes the parties (<c>POST /api/v1/parties</c> as each host), connects and
/// joins every member, waits until all are in step, runs the hosts' scripts (and the chaos) for the window while
/// the truth is sampled, then leaves and ends the parties.
/// </summary>
internal static class Scenario
{
    public static async Task<List<PartyRun>> RunAsync(ScenarioContext context, IReadOnlyList<GroupSpec> groups, List<(double At, string Method, double Delta)> script, double seconds, Func<double, Task>? windowStarted, Func<Task>? windowEnded, CancellationToken cancellationToken)
    {
        var (sim, http, origin, tokens, playableId, args, log) = context;
        var parties = new List<(PartyRun Run, GroupSpec Group, int Index)>();
        foreach (var group in groups)
        {
            for (var p = 0; p < group.Parties; p++)
            {
                parties.Add((new PartyRun(sim, "", group.Name, group.Algorithm, waitForAll: group.Chaos && p % 2 == 1), group, p));
            }
        }

        // Member slot j of party q takes token j·P + q: neighbours in the list are different parties, so no party
        // holds two profiles of one account.
        var total = parties.Count;
        foreach (var (run, group, p) in parties)
        {
            var links = Links(args, group, p);
            for (var j = 0; j < group.Size; j++)
            {
                var token = tokens[(j * total) + parties.FindIndex(x => x.Run == run)];
                run.Members.Add(new Member(sim, run, j, group.Algorithm, links[j], token) { Rejoin = m => Chaos.Rejoin(m, origin, log, cancellationToken) });
            }
        }

        await Parallel.ForEachAsync(parties, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (party, ct) =>
        {
            party.Run.Id = await PostPartyAsync(http, origin, party.Run.Host.Token, playableId, ct);
        });

        var everyone = parties.SelectMany(p => p.Run.Members).ToList();
        var connecting = System.Diagnostics.Stopwatch.StartNew();
        static bool InStep(Member m) => m.Ready && (m.Algorithm == Algorithm.Naive || m.Clock.Count >= 3);
        // Hosts first, so each party's creator is in it before its guests.
        foreach (var batch in new[] { everyone.Where(m => m.IsHost).ToList(), everyone.Where(m => !m.IsHost).ToList() })
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (member, ct) =>
            {
                try
                {
                    await member.ConnectAsync(origin, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
                }
                catch (Exception e) when (e is HttpRequestException or TimeoutException or System.Net.WebSockets.WebSocketException or InvalidOperationException)
                {
                    member.Party.Notes.Record("connect failed", e.GetBaseException().Message);
                    return;
                }

                await sim.RunAsync(() =>
                {
                    member.StartTimers();
                    return 0;
                });
            });
        }

        log.WriteLine($"         {parties.Count} parties made, {everyone.Count} members connected and sent Join in {connecting.Elapsed.TotalSeconds:0.0} s");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await sim.RunAsync(() => everyone.All(InStep)))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                // Not a reason to stop: the scenario runs with those who are in, and the table says how many were not.
                var stuck = await sim.RunAsync(() => everyone.Where(m => !InStep(m))
                    .Select(m => $"{m.Party.Group}#{m.Index} online={m.Online} applied={m.Applied?.Version} heard={m.LatestVersion} samples={m.Clock.Count}").ToList());
                log.WriteLine($"         {stuck.Count} of {everyone.Count} members were not in the party and in step 60 s after joining, e.g. {string.Join(", ", stuck.Take(3))}");
                break;
            }

            await Task.Delay(200, cancellationToken);
        }

        var inStep = await sim.RunAsync(() => everyone.Count(InStep));
        foreach (var (run, _, _) in parties)
        {
            run.InStepAtStart = await sim.RunAsync(() => run.Members.Count(InStep));
        }

        log.WriteLine($"         {inStep} of {everyone.Count} members in the party and in step {waited.Elapsed.TotalSeconds:0.0} s later");
        await sim.RunAsync(() =>
        {
            foreach (var (run, _, _) in parties.Where(p => p.Run.WaitForAll))
            {
                run.Host.Send("SetWaitForAll", true);
            }

            return 0;
        });

        var start = sim.Now + 1500;
        var end = start + (seconds * 1000);
        foreach (var (run, group, p) in parties)
        {
            run.Start(start);
            // Party p of every group starts its script at the same moment, so twins get the same commands at once.
            var phase = new Random((args.Seed * 31) + p).NextDouble() * 2000;
            foreach (var (at, method, delta) in script)
            {
                sim.At(start + phase + (at * 1000), () => run.HostCommand(sim, method, delta));
            }

            if (group.Chaos)
            {
                foreach (var member in run.Members.Where(m => !m.IsHost))
                {
                    Chaos.Schedule(sim, member, origin, start, end, new Random(member.Link.Seed + 13), log, cancellationToken);
                }
            }
        }

        void Sample()
        {
            var now = sim.Now;
            if (now > end)
            {
                return;
            }

            foreach (var (run, _, _) in parties)
            {
                run.Sample(now);
            }

            sim.At(now + 100, Sample);
        }

        sim.At(start, Sample);
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, start - sim.Now)), cancellationToken);
        if (windowStarted is not null)
        {
            await windowStarted(seconds);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, end - sim.Now)), cancellationToken);
        if (windowEnded is not null)
        {
            await windowEnded();
        }

        await sim.RunAsync(() =>
        {
            foreach (var (run, _, _) in parties)
            {
                run.Finish(end);
            }

            return 0;
        });

        // Everyone leaves at once, as when the film ends; how long the hub takes to answer Leave is part of the report.
        var leaving = System.Diagnostics.Stopwatch.StartNew();
        var leaves = await Task.WhenAll(everyone.Select(m => m.LeaveAsync()));
        var answered = leaves.Where(l => l is not null).Select(l => l!.Value).ToList();
        log.WriteLine($"         left: {answered.Count} Leave answered, p50 {Measuring.Stats.Median(answered):0} ms, max {answered.DefaultIfEmpty(0).Max():0} ms; all closed in {leaving.Elapsed.TotalSeconds:0.0} s");
        await Parallel.ForEachAsync(parties, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (party, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(origin, $"api/v1/parties/{party.Run.Id}"));
            request.Headers.Authorization = new("Bearer", party.Run.Host.Token);
            using var response = await http.SendAsync(request, ct);
            if ((int)response.StatusCode != 204)
            {
                party.Run.Notes.Record("DELETE party", $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
        });
        return [.. parties.Select(p => p.Run)];
    }

    /// <summary>
    /// A party's links, the same for its synced and naive twin: round trips evenly from 0.3× to 1× the group's, in
    /// shuffled order (so the host is not always nearest), jitter and clock offset drawn per member.
    /// </summary>
    public static List<Link> Links(PartyArguments args, GroupSpec group, int party)
    {
        // Not HashCode.Combine: that is seeded per process, and the links should be the same from run to run.
        var random = new Random((args.Seed * 1_000_003) + ((int)group.RttMs * 7919) + (group.Chaos ? 104_729 : 0) + (party * 31));
        var order = Enumerable.Range(0, group.Size).OrderBy(_ => random.Next()).ToArray();
        return [.. order.Select(k =>
        {
            var rtt = group.RttMs * (0.3 + (0.7 * k / Math.Max(1, group.Size - 1)));
            var jitter = args.JitterLow + (random.NextDouble() * (args.JitterHigh - args.JitterLow));
            var skew = ((random.NextDouble() * 2) - 1) * args.SkewMs;
            return new Link(rtt / 2, jitter, skew, random.Next());
        })];
    }

    private static async Task<string> PostPartyAsync(HttpClient http, Uri origin, string token, string playableId, CancellationToken cancellationToken)
    {
        var view = await SignIn.PostAsync<JsonElement>(http, new Uri(origin, "api/v1/parties"), token, new { playableId }, cancellationToken);
        return view.GetProperty("id").GetString()!;
    }
}
