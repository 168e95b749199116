using Marquee.Bench.Party.Measuring;
using Marquee.Bench.Party.Simulation;

namespace Marquee.Bench.Party.Reporting;

/// <summary>Turns the parties' samples into the table's rows, ours beside naive, with the targets.</summary>
internal static class Results
{
    public static string GroupName(string scenario, double rtt, Algorithm algorithm) => $"{scenario}-{rtt:0}-{algorithm.ToString().ToLowerInvariant()}";

    private static List<double> All(IEnumerable<PartyRun> runs, string group, Func<PartyRun, IEnumerable<double>> pick) =>
        [.. runs.Where(r => r.Group == group).SelectMany(pick)];

    private static double P95(List<double> values) => Stats.Percentile(values, 0.95);

    public static List<Row> Drift(string scenario, IReadOnlyList<PartyRun> runs, double rtt, string label)
    {
        var ours = GroupName(scenario, rtt, Algorithm.Synced);
        var naive = GroupName(scenario, rtt, Algorithm.Naive);
        var target = PartyArguments.DriftTargetMs(rtt);
        var play = (All(runs, ours, r => r.DriftPlay), All(runs, naive, r => r.DriftPlay));
        var after = (All(runs, ours, r => r.DriftAfterCommand), All(runs, naive, r => r.DriftAfterCommand));
        var pause = (All(runs, ours, r => r.PauseLatencies()), All(runs, naive, r => r.PauseLatencies()));
        var spread = (All(runs, ours, r => r.ApplySpreads()), All(runs, naive, r => r.ApplySpreads()));
        return
        [
            new Row(label, $"drift p95 during play, {rtt:0} ms RTT", P95(play.Item1), P95(play.Item2), "ms", target,
                Note: $"median {Stats.Median(play.Item1):0} vs {Stats.Median(play.Item2):0} ms; {play.Item1.Count} and {play.Item2.Count} party samples"),
            new Row(label, $"drift p95 after commands (3 s), {rtt:0} ms RTT", P95(after.Item1), P95(after.Item2), "ms", target,
                Note: $"{after.Item1.Count} and {after.Item2.Count} party samples; commands applied apart p95 {P95(spread.Item1):0} vs {P95(spread.Item2):0} ms"),
            new Row(label, $"pause reaches every member p95, {rtt:0} ms RTT", P95(pause.Item1), P95(pause.Item2), "ms", rtt <= PartyArguments.PauseTargetRttMs ? PartyArguments.PauseTargetMs : null,
                Note: $"host's invoke to each member's player paused, {pause.Item1.Count} and {pause.Item2.Count} arrivals; median {Stats.Median(pause.Item1):0} vs {Stats.Median(pause.Item2):0} ms"),
        ];
    }

    /// <summary>How many members were joined and in step when the window opened (the rest joined late or never).</summary>
    public static Row Joined(string scenario, IReadOnlyList<PartyRun> runs)
    {
        double Percent(Algorithm a)
        {
            var group = runs.Where(r => r.Algorithm == a).ToList();
            return group.Count == 0 ? double.NaN : 100.0 * group.Sum(r => r.InStepAtStart) / group.Sum(r => r.Members.Count);
        }

        return new Row(scenario, "members joined and in step when the window opened", Percent(Algorithm.Synced), Percent(Algorithm.Naive), "%", 100, AtLeast: true,
            Note: $"{runs.Sum(r => r.InStepAtStart)} of {runs.Sum(r => r.Members.Count)}, within 60 s of connecting");
    }

    /// <summary>The machine's and the hub's own delay, outside the injected latency: how long a ping took to be seen.</summary>
    public static Row HubLag(string scenario, IReadOnlyList<PartyRun> runs)
    {
        var lags = runs.Select(r => r.HubLag()).ToList();
        List<double> toHub = [.. lags.SelectMany(l => l.ToHub)], back = [.. lags.SelectMany(l => l.Back)];
        return new Row(scenario, "ping seen by the hub after it was sent, p99 (beyond injected latency)", Stats.Percentile(toHub, 0.99), null, "ms",
            Note: $"p50 {Stats.Median(toHub):0} ms; the answer back p50 {Stats.Median(back):0}, p99 {Stats.Percentile(back, 0.99):0} ms; {toHub.Count} pings (server clock vs the harness's: same machine)");
    }

    public static List<Row> Chaos(IReadOnlyList<PartyRun> runs, double rtt)
    {
        var ours = GroupName("chaos", rtt, Algorithm.Synced);
        var naive = GroupName("chaos", rtt, Algorithm.Naive);
        double LongestWait(string g) => All(runs, g, r => r.WaitingRuns).DefaultIfEmpty(0).Max();
        (double Percent, int Kept, int Eligible) Kept(string g)
        {
            var eligible = runs.Where(r => r.Group == g).SelectMany(r => r.Stalls).Where(s => s.Stall.HostPlayingAtStart).ToList();
            var kept = eligible.Count(s => s.KeptPlaying);
            return (eligible.Count == 0 ? double.NaN : 100.0 * kept / eligible.Count, kept, eligible.Count);
        }

        var (keptOurs, keptNaive) = (Kept(ours), Kept(naive));
        var catchUp = (All(runs, ours, r => r.CatchUpMs), All(runs, naive, r => r.CatchUpMs));
        var joins = (All(runs, ours, r => r.JoinToSyncMs), All(runs, naive, r => r.JoinToSyncMs));
        int Pending(string g) => runs.Where(r => r.Group == g).Sum(r => r.NotCaughtUp);
        var drift = (All(runs, ours, r => r.DriftPlay), All(runs, naive, r => r.DriftPlay));
        var waitForAll = runs.Count(r => r.Group == ours && r.WaitForAll);
        return
        [
            new Row("chaos", "longest wait against the host's play (any party)", LongestWait(ours) / 1000, LongestWait(naive) / 1000, "s", PartyArguments.WaitingTargetMs / 1000,
                Note: $"{waitForAll} of {runs.Count(r => r.Group == ours)} parties with wait-for-everyone on; waits p95 {P95(All(runs, ours, r => r.WaitingRuns)):0} vs {P95(All(runs, naive, r => r.WaitingRuns)):0} ms"),
            new Row("chaos", "others kept playing while one buffered", keptOurs.Percent, keptNaive.Percent, "%", 100, AtLeast: true,
                Note: $"{keptOurs.Kept} of {keptOurs.Eligible} and {keptNaive.Kept} of {keptNaive.Eligible} buffering episodes during undisturbed play"),
            new Row("chaos", "back in step after buffering, median", Stats.Median(catchUp.Item1), Stats.Median(catchUp.Item2), "ms",
                Note: $"within 100 ms of the host; {catchUp.Item1.Count} and {catchUp.Item2.Count} did, p95 {P95(catchUp.Item1):0} vs {P95(catchUp.Item2):0} ms; still out of step at the end: {Pending(ours)} and {Pending(naive)}"),
            new Row("chaos", "(re)join to in step, median", Stats.Median(joins.Item1), Stats.Median(joins.Item2), "ms",
                Note: $"{joins.Item1.Count} and {joins.Item2.Count} rejoins caught up, p95 {P95(joins.Item1):0} vs {P95(joins.Item2):0} ms"),
            new Row("chaos", "drift p95 during play among settled members", P95(drift.Item1), P95(drift.Item2), "ms",
                Note: "settled: online, not buffering, 5 s past its last buffering or join"),
        ];
    }
}
