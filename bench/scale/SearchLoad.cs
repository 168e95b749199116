using System.Diagnostics;

namespace Marquee.Bench.Scale;

/// <summary>Open-loop GET /api/v1/search at a steady rate: a request every 1/rate s whatever the answers' pace; latencies of each.</summary>
internal sealed class SearchLoad(Uri origin, int rate) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Random random = new(7);
    private long failed;

    public async Task<(List<double> Latencies, long Failed)> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var tasks = new List<Task>();
        var clock = Stopwatch.StartNew();
        var spacing = 1000.0 / rate;
        long sent = 0;
        failed = 0;
        while (clock.Elapsed < duration)
        {
            while (sent * spacing <= clock.Elapsed.TotalMilliseconds)
            {
                tasks.Add(OneAsync(Query(), latencies, cancellationToken));
                sent++;
            }

            await Task.Delay(2, cancellationToken);
        }

        await Task.WhenAll(tasks);
        return (latencies, failed);
    }

    public void Dispose() => http.Dispose();

    /// <summary>One or two of the catalog's words, sometimes a prefix of the last (as typed).</summary>
    private string Query()
    {
        var words = Seed.Words;
        var query = words[random.Next(words.Length)];
        if (random.Next(2) == 0)
        {
            query += " " + words[random.Next(words.Length)];
        }

        return random.Next(4) == 0 ? query[..^2] : query;
    }

    private async Task OneAsync(string query, List<double> latencies, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(new Uri(origin, "api/v1/search?q=" + Uri.EscapeDataString(query)), cancellationToken);
            await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failed);
                return;
            }
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref failed);
            return;
        }

        lock (latencies)
        {
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
