using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Marquee.Edge.ControlPlane;

namespace Marquee.Bench.Scale;

/// <summary>
/// N simulated edges heartbeating one origin as <see cref="ControlPlaneClient"/> does (POST /api/v1/edges/heartbeat,
/// the edge key as a bearer token, the <see cref="EdgeHeartbeat"/> JSON), each every <see cref="Interval"/>, their
/// phases spread evenly over it, open loop over a pool of keep-alive connections. Like the edge, each sends back the
/// version of the fill list it was last given.
/// </summary>
internal sealed class HeartbeatLoad(Uri origin, string edgeKey, int edges) : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public static readonly string[] Regions = ["eu", "us", "apac"];

    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly byte[][] bodies = [.. Enumerable.Range(0, edges).Select(i => Body(i, null))];

    /// <summary>Each edge's fill list version from its last reply, sent back as the edge does (null until a reply names one).</summary>
    private readonly string?[] fillVersions = new string?[edges];
    private readonly Uri url = new(origin, "api/v1/edges/heartbeat");

    private readonly List<double> latencies = [];
    private long completed;
    private long replyBytes;
    private long failed;
    private bool recording;

    /// <summary>The first heartbeat of every edge (registration), 64 at a time.</summary>
    public async Task RegisterAllAsync(CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, edges), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (i, ct) => await SendAsync(i, ct));
    }

    /// <summary>Heartbeats at their due times for <paramref name="duration"/>.</summary>
    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var spacing = Interval.TotalMilliseconds / edges;
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        long sent = 0;
        while (clock.Elapsed < duration)
        {
            var now = clock.Elapsed.TotalMilliseconds;
            while (sent * spacing <= now)
            {
                inFlight.Add(SendAsync((int)(sent % edges), cancellationToken));
                sent++;
            }

            if (inFlight.Count > 10_000)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
            }

            await Task.Delay(2, cancellationToken);
        }

        await Task.WhenAll(inFlight);
    }

    public (long Completed, long Failed) Counts()
    {
        lock (latencies)
        {
            return (completed, failed);
        }
    }

    /// <summary>The body of the last successful reply: the reference server answers with these bytes.</summary>
    public byte[]? LastReply { get; private set; }

    /// <summary>Bytes of reply bodies received in the measured window.</summary>
    public long ReplyBytes()
    {
        lock (latencies)
        {
            return replyBytes;
        }
    }

    /// <summary>Starts (or stops) collecting latencies and counting for the measured window.</summary>
    public void Record(bool on)
    {
        lock (latencies)
        {
            recording = on;
            if (on)
            {
                latencies.Clear();
                completed = 0;
                failed = 0;
                replyBytes = 0;
            }
        }
    }

    public (double P50, double P99) Latency()
    {
        lock (latencies)
        {
            var sorted = latencies.Order().ToArray();
            return sorted.Length == 0 ? (double.NaN, double.NaN) : (sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]);
        }
    }

    public void Dispose() => http.Dispose();

    private async Task SendAsync(int edge, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bodies[edge]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", edgeKey);
        var ok = false;
        var received = 0;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var reply = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            received = reply.Length;
            ok = response.IsSuccessStatusCode;
            if (ok)
            {
                LastReply = reply;
                Remember(edge, reply);
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        lock (latencies)
        {
            if (recording)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                replyBytes += received;
                if (ok)
                {
                    completed++;
                }
                else
                {
                    failed++;
                }
            }
        }
    }

    /// <summary>As <see cref="FillScheduler"/>: a full list's version is kept; an "unchanged" answer keeps the one held.</summary>
    private void Remember(int edge, byte[] reply)
    {
        // Only the version is read: materializing thousands of keys 200 times a second would load the bench, not the origin.
        var fill = JsonSerializer.Deserialize<ReplyFill>(reply, JsonSerializerOptions.Web)?.Fill;
        if (fill is { Unchanged: false } && fill.Version != fillVersions[edge])
        {
            fillVersions[edge] = fill.Version;
            bodies[edge] = Body(edge, fill.Version);
        }
    }

    private static byte[] Body(int i, string? fillVersion)
    {
        var id = "edge-" + i.ToString(CultureInfo.InvariantCulture);
        var beat = new EdgeHeartbeat(id, Regions[i % Regions.Length], $"http://{id}.bench.example:8080", Healthy: true,
            LoadFactor: 0.3, ActiveConnections: 120, EgressBytesPerSecond: 50_000_000, HitRatio: 0.95, ByteHitRatio: 0.97,
            CacheUsedBytes: 40_000_000_000, CacheCapacityBytes: 50_000_000_000, FillVersion: fillVersion);
        return JsonSerializer.SerializeToUtf8Bytes(beat, JsonSerializerOptions.Web);
    }

    private sealed record ReplyFill(FillVersion? Fill);

    private sealed record FillVersion(string? Version, bool Unchanged);
}
