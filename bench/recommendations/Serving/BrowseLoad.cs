using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Marquee.Bench.Search.Measuring;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>
/// Sends <c>GET /api/v1/browse</c> as one viewer at a steady rate whatever the answers do (open loop), as bench/search's
/// LoadGenerator does for search: request i is due at start + i/rate and is sent then, even while earlier ones are
/// still waiting, and its latency runs from when it was due to the end of the body, so a server that falls behind shows
/// its queue. The schedule runs on its own thread, sleeping to within a millisecond of each due time.
/// </summary>
internal sealed class BrowseLoad(HttpClient http, Uri origin, double rate)
{
    public const string Path = "api/v1/browse";

    /// <summary>The answers' bodies are kept only for the first request, for the report's list of rows.</summary>
    public async Task<(Sample[] Samples, byte[]? FirstBody)> RunAsync(BrowseViewer viewer, int count, CancellationToken cancellationToken)
    {
        var samples = new Sample[count];
        var first = new byte[1][];
        var sends = await Task.Factory.StartNew(
            () => Schedule(viewer, count, samples, first, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.WhenAll(sends);
        return (samples, first[0]);
    }

    private Task[] Schedule(BrowseViewer viewer, int count, Sample[] samples, byte[][] first, CancellationToken cancellationToken)
    {
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        var sends = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval);
            WaitUntil(due, cancellationToken);
            sends[i] = SendAsync(viewer, due, samples, i, first, cancellationToken);
        }

        return sends;
    }

    private async Task SendAsync(BrowseViewer viewer, long due, Sample[] samples, int index, byte[][] first, CancellationToken cancellationToken)
    {
        var lateness = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, Path));
            if (viewer.Token is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var latency = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            if (index == 0)
            {
                first[0] = body;
            }

            samples[index] = response.IsSuccessStatusCode
                ? new Sample(latency, lateness, (int)response.StatusCode, null, [])
                : new Sample(latency, lateness, (int)response.StatusCode, string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}"), []);
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
