using Marquee.Bench.Edge;
using System.Net.Http.Json;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Marquee.Bench.Scale;

/// <summary>
/// <c>run search</c>: two origins on one PostgreSQL (+ Redis). Search latency on origin 2 at a steady open-loop
/// rate while origin 1 takes admin writes, against the same search load without writes, alternating; then how long
/// a title created and published on origin 1 takes to be found by search on origin 2.
/// </summary>
internal static class SearchBench
{
    private const int Titles = 5_000;
    private const int Propagations = 8;

    public static async Task<int> RunAsync(BenchArguments options, CancellationToken cancellationToken)
    {
        var folder = Scratch.Fresh(options.OutFolder, "search");
        Console.WriteLine($"search: {Titles} titles, {options.Rate} searches/s on origin 2, {options.WriteRate} admin writes/s on origin 1 in every other block; {options.Rounds} rounds of {options.Seconds} s each way");
        var (postgres, url) = await Backing.PostgresAsync(folder, "bench", cancellationToken);
        await using var postgresStop = postgres;
        await using var redis = Backing.Redis(folder, out var redisUrl);
        var shared = new Dictionary<string, string>
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = url,
            ["Redis:Connection"] = redisUrl,
        };
        var seed = await Seed.RunAsync(Path.Combine(folder, "origin-1"), shared, 0, Titles, cancellationToken);
        var (first, firstAddress) = await Origins.StartAsync("origin-1", options.Repository, Path.Combine(folder, "origin-1"), shared, folder, cancellationToken, minThreads: options.MinThreads);
        await using var firstStop = first;
        var (second, secondAddress) = await Origins.StartAsync("origin-2", options.Repository, Path.Combine(folder, "origin-2"), shared, folder, cancellationToken, minThreads: options.MinThreads);
        await using var secondStop = second;

        using var http = new HttpClient();
        var token = await Seed.LoginAsync(http, firstAddress, "admin@bench.example", cancellationToken);
        using var writer = new AdminWriter(firstAddress, token, seed.TitleIds, seed.AssetId);
        using var search = new SearchLoad(secondAddress, options.Rate);

        Console.WriteLine("warm-up: 5 s of searches");
        await search.RunAsync(TimeSpan.FromSeconds(5), cancellationToken);
        var quiet = new List<double>();
        var writing = new List<double>();
        long failed = 0;
        var duration = TimeSpan.FromSeconds(options.Seconds);
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var withWrites in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var writes = withWrites ? writer.RunAsync(options.WriteRate, duration, cancellationToken) : Task.CompletedTask;
                var (latencies, errors) = await search.RunAsync(duration, cancellationToken);
                await writes;
                failed += errors;
                (withWrites ? writing : quiet).AddRange(latencies);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round + 1} {(withWrites ? "with writes" : "no writes  ")}  p50 {Percentile(latencies, 0.50),6:F1} ms  p99 {Percentile(latencies, 0.99),6:F1} ms  ({latencies.Count} searches, {errors} failed)"));
            }
        }

        Console.WriteLine($"propagation: {Propagations} titles created and published on origin 1, searched for on both origins every 20 ms");
        var toSecond = new List<double>();
        var toFirst = new List<double>();
        for (var i = 0; i < Propagations; i++)
        {
            var word = "zq" + Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()))[..8];
            var id = await writer.CreatePublishedAsync("Bench " + word, cancellationToken);
            var clock = Stopwatch.StartNew();
            var onFirst = FoundAfterAsync(http, firstAddress, word, id, clock, cancellationToken);
            var onSecond = FoundAfterAsync(http, secondAddress, word, id, clock, cancellationToken);
            toFirst.Add(await onFirst);
            toSecond.Add(await onSecond);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  '{word}': found on origin 1 after {toFirst[^1],7:F0} ms, on origin 2 after {toSecond[^1],7:F0} ms"));
            await Task.Delay(Random.Shared.Next(200, 1500), cancellationToken);
        }

        var report = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"search on origin 2 at {options.Rate}/s, no writes:                 p50 {Percentile(quiet, 0.5):F1} ms, p99 {Percentile(quiet, 0.99):F1} ms ({quiet.Count} searches)"),
            string.Create(CultureInfo.InvariantCulture, $"search on origin 2 at {options.Rate}/s, {options.WriteRate} writes/s on origin 1: p50 {Percentile(writing, 0.5):F1} ms, p99 {Percentile(writing, 0.99):F1} ms ({writing.Count} searches)"),
            string.Create(CultureInfo.InvariantCulture, $"p99 with writes ÷ without: {Percentile(writing, 0.99) / Percentile(quiet, 0.99):F2}; failed searches {failed}; admin writes {writer.Writes}"),
            string.Create(CultureInfo.InvariantCulture, $"created on origin 1 → found by search on origin 1: median {Stats.Median(toFirst):F0} ms, max {toFirst.Max():F0} ms"),
            string.Create(CultureInfo.InvariantCulture, $"created on origin 1 → found by search on origin 2: median {Stats.Median(toSecond):F0} ms, max {toSecond.Max():F0} ms"),
            $"load average after: {File.ReadAllText("/proc/loadavg").Trim()}",
        };
        foreach (var line in report)
        {
            Console.WriteLine(line);
        }

        await File.WriteAllLinesAsync(Path.Combine(options.OutFolder, "search-results.txt"), report, cancellationToken);
        return 0;
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
    }

    /// <summary>Milliseconds on <paramref name="clock"/> when a search for <paramref name="word"/> first lists the title; 30 s at most.</summary>
    private static async Task<double> FoundAfterAsync(HttpClient http, Uri origin, string word, string id, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var page = await http.GetFromJsonAsync<JsonElement>(new Uri(origin, "api/v1/search?q=" + word), cancellationToken);
            if (page.GetProperty("items").EnumerateArray().Any(t => t.GetProperty("id").GetString() == id))
            {
                return clock.Elapsed.TotalMilliseconds;
            }

            await Task.Delay(20, cancellationToken);
        }

        return double.PositiveInfinity;
    }
}
