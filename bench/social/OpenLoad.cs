using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Marquee.Bench.Search.Measuring;

namespace Marquee.Bench.Social;

/// <summary>
/// Sends GETs as one signed-in viewer at a steady rate whatever the answers do (open loop), as bench/search and
/// bench/recommendations do: request i is due at start + i/rate and is sent then, even while earlier ones are still
/// waiting, and its latency runs from when it was due to the end of the body, so a server that falls behind shows its
/// queue. The schedule runs on its own thread, sleeping to within a millisecond of each due time.
/// </summary>
internal sealed class OpenLoad(HttpClient http, Uri origin, double rate)
{
    /// <summary>Requests <paramref name="paths"/> in order; the bodies are kept for the first <paramref name="keep"/>.</summary>
    public async Task<(Sample[] Samples, byte[]?[] Bodies)> RunAsync(IReadOnlyList<string> paths, string token, int keep, CancellationToken cancellationToken)
    {
        var samples = new Sample[paths.Count];
        var bodies = new byte[]?[Math.Min(keep, paths.Count)];
        var sends = await Task.Factory.StartNew(
            () => Schedule(paths, token, samples, bodies, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.WhenAll(sends);
        return (samples, bodies);
    }

    private Task[] Schedule(IReadOnlyList<string> paths, string token, Sample[] samples, byte[]?[] bodies, CancellationToken cancellationToken)
    {
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        var sends = new Task[paths.Count];
        for (var i = 0; i < paths.Count; i++)
        {
            var due = start + (long)(i * interval);
            WaitUntil(due, cancellationToken);
            sends[i] = SendAsync(paths[i], token, due, samples, i, bodies, cancellationToken);
        }

        return sends;
    }

    private async Task SendAsync(string path, string token, long due, Sample[] samples, int index, byte[]?[] bodies, CancellationToken cancellationToken)
    {
        var lateness = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var latency = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            if (index < bodies.Length)
            {
                bodies[index] = body;
            }

            samples[index] = response.IsSuccessStatusCode
                ? new Sample(latency, lateness, (int)response.StatusCode, null, [])
                : new Sample(latency, lateness, (int)response.StatusCode, string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {path}"), []);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            samples[index] = new Sample(Stopwatch.GetElapsedTime(due).TotalMilliseconds, lateness, 0, $"{e.GetType().Name}: {e.Message}", []);
        }
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
