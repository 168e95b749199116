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
        // Hosts first, so each party's creator is in it before its guests.
        foreach (var batch in new[] { everyone.Where(m => m.IsHost).ToList(), everyone.Where(m => !m.IsHost).ToList() })
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (member, ct) =>
            {
                await member.ConnectAsync(origin, ct);
                await sim.RunAsync(() =>
                {
                    member.StartTimers();
                    return 0;
                });
            });
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await sim.RunAsync(() => everyone.All(m => m.Ready && (m.Algorithm == Algorithm.Naive || m.Clock.Count >= 3))))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                var stuck = await sim.RunAsync(() => everyone.Where(m => !m.Ready || (m.Algorithm == Algorithm.Synced && m.Clock.Count < 3))
                    .Select(m => $"{m.Party.Group}#{m.Index} online={m.Online} applied={m.Applied?.Version} heard={m.LatestVersion} samples={m.Clock.Count}").ToList());
                var notes = string.Join("; ", parties.SelectMany(p => p.Run.Notes.Items.Concat(p.Run.Errors.Items)).Select(n => $"{n.Kind} ×{n.Count}: {string.Join(" | ", n.Examples)}").Distinct().Take(8));
                throw new InvalidOperationException($"{stuck.Count} of {everyone.Count} members were not in the party 60 s after joining ({notes}): {string.Join(", ", stuck.Take(5))}");
            }

            await Task.Delay(200, cancellationToken);
        }

        log.WriteLine($"         {parties.Count} parties, {everyone.Count} members joined and in step in {waited.Elapsed.TotalSeconds:0.0} s");
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

        await Parallel.ForEachAsync(everyone, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (member, _) => await member.LeaveAsync());
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
