using System.Globalization;
using Marquee.Bench.Edge;
using Marquee.Bench.Tokens;

// Playlist throughput of an edge that verifies every token ÷ the same edge built to skip verification (bench
// only), and a small segment's throughput with a plan-capped token ÷ an uncapped one (the rung check), same
// objects hot in memory, same wrk load, alternating in each round; medians, per case.
const double Target = 0.95;
const int WarmSeconds = 5;
const int FreshTokens = 100_000;

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
    await using var upstream = await PlaylistUpstream.StartAsync();
    await using var verifying = await BenchEdge.StartAsync(upstream.Address, Path.Combine(parsed.OutFolder, "cache-verifying"), verifyTokens: true);
    await using var unverified = await BenchEdge.StartAsync(upstream.Address, Path.Combine(parsed.OutFolder, "cache-unverified"), verifyTokens: false);
    var token = BenchEdge.Token();
    var script = Wrk.WriteScript(parsed.OutFolder);
    Console.WriteLine("Marquee token benchmark: requests/s with token verification ÷ without (same edge, bench-only switch), and with the plan's rung check ÷ without");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"load:    wrk -t{parsed.Threads} -c{parsed.Connections} -d{parsed.Seconds}s per run, {parsed.Rounds} rounds alternating; token {token.Length} chars"));
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (before)");

    // Judged: one token per session, as players use them (every request of a session carries the same token,
    // verified in full once), and the plan's rung check on a small segment (a capped token against an uncapped
    // one on the same verifying edge: the check is all that differs). Shown: a new token on every request.
    var capped = BenchEdge.Token("capped-session", maxHeight: 480);
    var fresh = Enumerable.Range(0, FreshTokens).Select(i => Playlists.Prefix + "master.m3u8?token=" + BenchEdge.Token("s" + i.ToString(CultureInfo.InvariantCulture)));
    BenchCase[] cases =
    [
        new("master.m3u8, one token per session", "master.m3u8", Playlists.Multivariant().Length,
            ("verifying", verifying, [Playlists.Prefix + "master.m3u8?token=" + token]), ("skipping", unverified, [Playlists.Prefix + "master.m3u8?token=" + token]), true),
        new("media_3.m3u8, one token per session", "media_3.m3u8", Playlists.Media().Length,
            ("verifying", verifying, [Playlists.Prefix + "media_3.m3u8?token=" + token]), ("skipping", unverified, [Playlists.Prefix + "media_3.m3u8?token=" + token]), true),
        new($"{Playlists.Segment}, the plan's rung check (480p token ÷ uncapped token, both verified)", Playlists.Segment, Playlists.SegmentBytes,
            ("capped", verifying, [Playlists.Prefix + Playlists.Segment + "?token=" + capped]), ("uncapped", verifying, [Playlists.Prefix + Playlists.Segment + "?token=" + token]), true),
        new($"master.m3u8, a new token every request ({FreshTokens:N0} cycled)", "master.m3u8", Playlists.Multivariant().Length,
            ("verifying", verifying, fresh), ("skipping", unverified, [Playlists.Prefix + "master.m3u8?token=" + token]), false),
    ];
    var verdicts = new List<bool>();
    var caseNumber = 0;
    foreach (var benchCase in cases)
    {
        caseNumber++;
        var sides = new[] { benchCase.With, benchCase.Without };
        var files = new string[2];
        for (var s = 0; s < 2; s++)
        {
            files[s] = Path.Combine(parsed.OutFolder, $"paths-{caseNumber}-{s}.txt");
            File.WriteAllLines(files[s], sides[s].Paths);
        }

        using (var http = new HttpClient())
        {
            for (var s = 0; s < 2; s++)
            {
                for (var i = 0; i < 3; i++)
                {
                    using var response = await http.GetAsync(new Uri(sides[s].Edge.Address, sides[s].Paths.First()), ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    // The object is cached (and hot) whichever token asks; playlists must come back rewritten.
                    if (!response.IsSuccessStatusCode || (benchCase.Name.EndsWith(".m3u8", StringComparison.Ordinal) && !body.Contains("?token=", StringComparison.Ordinal)))
                    {
                        throw new InvalidOperationException($"{benchCase.Name} ({sides[s].Label}): {(int)response.StatusCode}, or the playlist was not rewritten");
                    }
                }

                await Wrk.RunAsync(script, sides[s].Edge.Address, files[s], parsed.Threads, parsed.Connections, WarmSeconds, ct);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{benchCase.Title} ({benchCase.Bytes} bytes{(benchCase.Name.EndsWith(".m3u8", StringComparison.Ordinal) ? " before rewriting" : "")})");
        Console.WriteLine("round  side         requests/s   p50 ms   p99 ms  errors");
        var with = new List<double>();
        var without = new List<double>();
        for (var round = 1; round <= parsed.Rounds; round++)
        {
            foreach (var s in round % 2 == 1 ? new[] { 0, 1 } : [1, 0])
            {
                var result = await Wrk.RunAsync(script, sides[s].Edge.Address, files[s], parsed.Threads, parsed.Connections, parsed.Seconds, ct);
                if (result.SocketErrors + result.StatusErrors > 0)
                {
                    throw new InvalidOperationException($"wrk saw {result.SocketErrors} socket and {result.StatusErrors} status errors");
                }

                (s == 0 ? with : without).Add(result.RequestsPerSecond);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{round,5}  {sides[s].Label,-10} {result.RequestsPerSecond,12:0} {result.P50.TotalMilliseconds,8:0.00} {result.P99.TotalMilliseconds,8:0.00} {0,7}"));
            }
        }

        // Judged on the median of each round's ratio: the two runs of a round are back to back, so a slow spell
        // of the shared machine weighs on both sides of a ratio rather than on one side of the medians.
        var ratio = Stats.Median(with.Zip(without, (w, o) => w / o));
        if (benchCase.Judged)
        {
            verdicts.Add(ratio >= Target);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {benchCase.With.Label} {Stats.Median(with):0} /s, {benchCase.Without.Label} {Stats.Median(without):0} /s; median of the rounds' ratios {ratio:0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {benchCase.Title}: {benchCase.With.Label}/{benchCase.Without.Label} {ratio:0.000} {(benchCase.Judged ? $"(target >= {Target:0.00}): {(ratio >= Target ? "PASS" : "FAIL")}" : "(shown, not judged)")}"));
    }

    Console.WriteLine($"machine: load average {LoadAverage()} (after)");
    return verdicts.All(v => v) ? 0 : 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled");
    return 2;
}
catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
{
    Console.Error.WriteLine("bench/tokens: " + e.Message);
    return 2;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

/// <summary>One comparison: the side with the work measured and the side without, each an edge and the paths wrk cycles through.</summary>
internal sealed record BenchCase(
    string Title, string Name, int Bytes, (string Label, BenchEdge Edge, IEnumerable<string> Paths) With, (string Label, BenchEdge Edge, IEnumerable<string> Paths) Without, bool Judged);
