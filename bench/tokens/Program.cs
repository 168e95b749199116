using System.Globalization;
using Marquee.Bench.Edge;
using Marquee.Bench.Tokens;

// Playlist throughput of an edge that verifies every token ÷ the same edge built to skip verification (bench
// only), same playlists hot in memory, same wrk load, alternating in each round; medians, per playlist.
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
    Console.WriteLine("Marquee token benchmark: playlist requests/s with token verification ÷ without (same edge, bench-only switch)");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"load:    wrk -t{parsed.Threads} -c{parsed.Connections} -d{parsed.Seconds}s per run, {parsed.Rounds} rounds alternating; token {token.Length} chars"));
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (before)");

    // Judged: one token per session, as players use them (every request of a session carries the same token,
    // verified in full once). Shown: a new token on every request, where every request pays the full HMAC.
    var fresh = Enumerable.Range(0, FreshTokens).Select(i => Playlists.Prefix + "master.m3u8?token=" + BenchEdge.Token("s" + i.ToString(CultureInfo.InvariantCulture)));
    (string Name, string Playlist, IEnumerable<string> Paths, bool Judged)[] cases =
    [
        ("master.m3u8, one token per session", "master.m3u8", [Playlists.Prefix + "master.m3u8?token=" + token], true),
        ("media_3.m3u8, one token per session", "media_3.m3u8", [Playlists.Prefix + "media_3.m3u8?token=" + token], true),
        ($"master.m3u8, a new token every request ({FreshTokens:N0} cycled)", "master.m3u8", fresh, false),
    ];
    var verdicts = new List<bool>();
    var caseNumber = 0;
    foreach (var (title, name, lines, judged) in cases)
    {
        var paths = Path.Combine(parsed.OutFolder, $"paths-{++caseNumber}.txt");
        File.WriteAllLines(paths, lines);
        using (var http = new HttpClient())
        {
            foreach (var edge in new[] { verifying, unverified })
            {
                for (var i = 0; i < 3; i++)
                {
                    var text = await http.GetStringAsync(new Uri(edge.Address, Playlists.Prefix + name + "?token=" + token), ct);
                    // The playlist is cached (and hot) whichever token asks; the check is that it came back rewritten.
                    if (!text.Contains("?token=" + token, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"{name}: the edge did not rewrite the playlist");
                    }
                }

                await Wrk.RunAsync(script, edge.Address, paths, parsed.Threads, parsed.Connections, WarmSeconds, ct);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{title} ({(name == "master.m3u8" ? Playlists.Multivariant() : Playlists.Media()).Length} bytes before rewriting)");
        Console.WriteLine("round  edge         requests/s   p50 ms   p99 ms  errors");
        var with = new List<double>();
        var without = new List<double>();
        for (var round = 1; round <= parsed.Rounds; round++)
        {
            foreach (var verify in round % 2 == 1 ? new[] { true, false } : [false, true])
            {
                var result = await Wrk.RunAsync(script, (verify ? verifying : unverified).Address, paths, parsed.Threads, parsed.Connections, parsed.Seconds, ct);
                if (result.SocketErrors + result.StatusErrors > 0)
                {
                    throw new InvalidOperationException($"wrk saw {result.SocketErrors} socket and {result.StatusErrors} status errors");
                }

                (verify ? with : without).Add(result.RequestsPerSecond);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{round,5}  {(verify ? "verifying" : "skipping"),-10} {result.RequestsPerSecond,12:0} {result.P50.TotalMilliseconds,8:0.00} {result.P99.TotalMilliseconds,8:0.00} {0,7}"));
            }
        }

        // Judged on the median of each round's ratio: the two runs of a round are back to back, so a slow spell
        // of the shared machine weighs on both sides of a ratio rather than on one side of the medians.
        var ratio = Stats.Median(with.Zip(without, (w, o) => w / o));
        if (judged)
        {
            verdicts.Add(ratio >= Target);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median verifying {Stats.Median(with):0} /s, skipping {Stats.Median(without):0} /s; median of the rounds' ratios {ratio:0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {title}: with/without tokens {ratio:0.000} {(judged ? $"(target >= {Target:0.00}): {(ratio >= Target ? "PASS" : "FAIL")}" : "(shown, not judged)")}"));
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
