using System.Diagnostics;
using System.Globalization;
using Marquee.Bench.Coalescing;
using Marquee.Bench.Edge;
using Marquee.Edge.Hosting;
using Marquee.Edge.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// K cold objects, each asked for by N clients at the same moment, against K cold objects asked for by one client:
// upstream fetches per cold object (target 1.0) and the waiters' median time to first byte ÷ the lone client's
// (target ≤ 1.5), with an upstream that takes 50 ms to answer and sends at 200 Mbit/s per response.
const double TtfbTarget = 1.5;
const string Prefix = "/media/c0a1e5ce0b1ec7a1/v1/";

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

Directory.CreateDirectory(parsed.OutFolder);
var body = new byte[parsed.ObjectBytes];
new Random(1).NextBytes(body);
await using var origin = await SlowOrigin.StartAsync(TimeSpan.FromMilliseconds(parsed.LatencyMs), parsed.Mbps * 1e6 / 8, body);
var key = new TokenKey("bench", Enumerable.Range(5, 32).Select(i => (byte)i).ToArray());
var keys = new TokenKeyRing();
keys.Replace([key]);
var cache = Path.Combine(parsed.OutFolder, "edge-cache");
if (Directory.Exists(cache))
{
    Directory.Delete(cache, recursive: true);
}

var edge = EdgeApp.Build(
    new EdgeOptions
    {
        Id = "bench-1",
        Region = "bench",
        Origin = origin.Address,
        Urls = "http://127.0.0.1:0",
        CacheDirectory = cache,
        EdgeKey = Convert.ToHexString(Guid.NewGuid().ToByteArray()),
    },
    keys,
    configure: services => services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
await edge.StartAsync();
var address = new Uri(edge.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
var token = PlaybackToken.Sign(new PlaybackClaims(Prefix, DateTimeOffset.UtcNow.AddDays(1), ["bench"], "bench", 0), key);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = address,
};

Console.WriteLine("Marquee coalescing benchmark: N clients missing one cold object together vs one client missing alone");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"objects: {parsed.Objects} cold per side, {parsed.ObjectBytes / 1e6:0.0} MB each; {parsed.Clients} clients per shared object"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"upstream: first byte after {parsed.LatencyMs} ms, then {parsed.Mbps} Mbit/s per response"));
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (before)");

// Warm-up, not counted: the JIT, and a pool of connections for the bursts.
for (var i = 0; i < 3; i++)
{
    await SingleAsync($"warm-{i}.m4s");
    await BurstAsync($"warm-burst-{i}.m4s");
}

var single = new List<double>();
var waiters = new List<double>();
var singleLast = new List<double>();
var waitersLast = new List<double>();
var fetches = new List<int>();
for (var i = 0; i < parsed.Objects; i++)
{
    // Alternate, so both sides meet the same moments of a shared machine.
    var (ttfb, last) = await SingleAsync($"single-{i}.m4s");
    single.Add(ttfb);
    singleLast.Add(last);
    var burst = await BurstAsync($"shared-{i}.m4s");
    waiters.AddRange(burst.Select(b => b.Ttfb));
    waitersLast.AddRange(burst.Select(b => b.Last));
    fetches.Add(origin.Requests(Prefix + $"shared-{i}.m4s"));
}

await edge.StopAsync();
await edge.DisposeAsync();

var perObject = fetches.Average();
var ratio = Stats.Median(waiters) / Stats.Median(single);
Console.WriteLine();
Console.WriteLine("                       first byte ms:  median     p90     max   last byte ms: median");
Row("one client, alone", single, singleLast);
Row($"{parsed.Clients} clients, coalesced", waiters, waitersLast);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"upstream fetches per shared object: {perObject:0.00} (min {fetches.Min()}, max {fetches.Max()})"));
Console.WriteLine($"machine: load average {LoadAverage()} (after)");
var pass = fetches.All(f => f == 1) && ratio <= TtfbTarget;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT fetches per cold object {perObject:0.00} (target 1.0), waiter/single median first byte {ratio:0.00} (target <= {TtfbTarget:0.0}): {(pass ? "PASS" : "FAIL")}"));
return pass ? 0 : 1;

async Task<(double Ttfb, double Last)> SingleAsync(string name) => await TimeOneAsync(name, Task.CompletedTask);

async Task<List<(double Ttfb, double Last)>> BurstAsync(string name)
{
    var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var clients = Enumerable.Range(0, parsed.Clients).Select(_ => Task.Run(() => TimeOneAsync(name, gate.Task))).ToList();
    await Task.Delay(50);
    gate.SetResult();
    return [.. await Task.WhenAll(clients)];
}

async Task<(double Ttfb, double Last)> TimeOneAsync(string name, Task gate)
{
    await gate;
    var started = Stopwatch.GetTimestamp();
    using var response = await http.GetAsync(Prefix + name + "?token=" + token, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    await using var stream = await response.Content.ReadAsStreamAsync();
    var buffer = new byte[64 * 1024];
    var read = await stream.ReadAsync(buffer);
    var firstByte = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    var total = read;
    while (read > 0)
    {
        read = await stream.ReadAsync(buffer);
        total += read;
    }

    if (total != parsed.ObjectBytes)
    {
        throw new InvalidOperationException($"{name}: {total} bytes, not {parsed.ObjectBytes}");
    }

    return (firstByte, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}

static void Row(string label, List<double> first, List<double> last) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label,-36} {Stats.Median(first),8:0.0} {Percentile(first, 0.9),7:0.0} {first.Max(),7:0.0}                {Stats.Median(last),8:0.0}"));

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
