using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Marquee.Bench.Search.Queries;

namespace Marquee.Bench.Search.Measuring;

/// <summary>
/// Sends queries at a steady rate whatever the answers do (open loop): request i is due at start + i/rate and is
/// sent then, on its own, even while earlier ones are still waiting, and its latency runs from when it was due. A
/// slow server therefore shows as slow, instead of slowing the generator down and hiding the queue it causes
/// (coordinated omission). The schedule runs on its own thread, sleeping to within a millisecond of each due time
/// and yielding (not spinning hot) for the rest, so it takes little CPU from the servers on a small machine.
/// </summary>
internal sealed class LoadGenerator(HttpClient http, double rate)
{
    public async Task<Sample[]> RunAsync(Target target, IReadOnlyList<BenchQuery> queries, CancellationToken cancellationToken)
    {
        var samples = new Sample[queries.Count];
        var sends = await Task.Factory.StartNew(
            () => Schedule(target, queries, samples, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.WhenAll(sends);
        return samples;
    }

    private Task[] Schedule(Target target, IReadOnlyList<BenchQuery> queries, Sample[] samples, CancellationToken cancellationToken)
    {
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        var sends = new Task[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            var due = start + (long)(i * interval);
            WaitUntil(due, cancellationToken);
            sends[i] = SendAsync(target.For(queries[i].Text), due, samples, i, cancellationToken);
        }

        return sends;
    }

    private async Task SendAsync(Uri uri, long due, Sample[] samples, int index, CancellationToken cancellationToken)
    {
        var lateness = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var latency = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            samples[index] = response.IsSuccessStatusCode
                ? new Sample(latency, lateness, (int)response.StatusCode, null, Ids(body))
                : new Sample(latency, lateness, (int)response.StatusCode, string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}"), []);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            samples[index] = new Sample(Stopwatch.GetElapsedTime(due).TotalMilliseconds, lateness, 0, $"{e.GetType().Name}: {e.Message}", []);
        }
    }

    /// <summary><c>items[].id</c> of either server's answer, in order.</summary>
    private static List<string> Ids(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString() ?? "").ToList();
    }

    private static void WaitUntil(long due, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due).TotalMilliseconds;
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > 1.5)
            {
                Thread.Sleep((int)(remaining - 1));
            }
            else
            {
                Thread.Yield();
            }
        }
    }
}
