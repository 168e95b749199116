using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Marquee.TestSupport;

namespace Marquee.Edge.Tests.Fill;

/// <summary>
/// The test: multi-gigabyte objects through a real <c>marquee edge</c> process, 20 clients at once, every
/// byte checked, with the edge's resident memory (VmRSS) sampled all along. Its peak may exceed its idle level,
/// after a warm-up through the same paths, by at most <see cref="Bound"/>.
/// </summary>
/// <remarks>
/// What the edge holds per client is a 128 KiB read buffer and Kestrel's output for the connection (a 128 KiB
/// slice plus its 64 KiB response buffer limit, in 128 KiB blocks): about 0.5 MiB, 10 MiB for 20. A fill holds a
/// 128 KiB staging buffer when it streams through the cache file, a 1 MiB window when it cannot be cached. The
/// rest is the runtime's (thread pool threads, GC allocation budget). 64 MiB leaves room for that on a noisy
/// machine and is still 32 times less than one copy of the object.
/// </remarks>
public sealed class BigObjectMemoryTests
{
    private const long MiB = 1024 * 1024;
    private const long Bound = 64 * MiB;
    private const int Clients = 20;

    private const string Requests = "marquee_edge_requests_total";
    private const string BytesServed = "marquee_edge_bytes_served_bytes_total";
    private const string CachedObjects = "marquee_edge_cache_objects";
    private const string CoalescedWaiters = "marquee_edge_coalesced_waiters_total";
    private const string PassThrough = "marquee_edge_pass_through_total";

    [Fact]
    public async Task A_2_GiB_object_streams_to_20_clients_at_once_in_bounded_memory_and_is_then_a_disk_hit()
    {
        const long size = 2L << 30;
        const string path = EdgeServer.Asset + "download.mp4";
        await using var upstream = await TestUpstream.StartAsync();
        upstream.PutPattern(path, size);
        // The disk admits objects up to a tenth of its budget; only the object's own bytes are written.
        await using var edge = await EdgeProcess.StartAsync(upstream.Address, cacheSize: "24G");
        var (started, idle) = await WarmUpAsync(upstream, edge);
        var cachedBefore = await edge.MetricAsync(CachedObjects);

        var clock = Stopwatch.StartNew();
        long peak;
        long[] lengths;
        await using (var sampler = new ResidentMemorySampler(edge.Pid))
        {
            lengths = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => ReadWholeAsync(edge, path)));
            await sampler.StopAsync();
            peak = sampler.Peak;
            Report($"2 GiB object to {Clients} clients through the cache file: {clock.Elapsed.TotalSeconds:0.0} s, {Clients * size / 1e9 / clock.Elapsed.TotalSeconds:0.00} GB/s sent; "
                + $"edge VmRSS at start {started / MiB} MiB, idle after warm-up {idle / MiB} MiB, peak {peak / MiB} MiB ({sampler.Samples} samples); peak - idle {(peak - idle) / MiB} MiB, bound {Bound / MiB} MiB");
        }

        Assert.All(lengths, length => Assert.Equal(size, length));
        Assert.Equal(1, upstream.Requests(path));
        Assert.True(peak - idle <= Bound,
            $"The edge's resident memory rose {(peak - idle) / MiB} MiB above idle (idle {idle / MiB} MiB, peak {peak / MiB} MiB) while {Clients} clients read a {size / MiB} MiB object; the bound is {Bound / MiB} MiB.");

        // Afterwards it is a disk hit: no second fetch, and the bytes at the far end are right.
        await Eventually.TrueAsync(async () => await edge.MetricAsync(CachedObjects) == cachedBefore + 1, "the object is published");
        var hitsBefore = await edge.MetricAsync(Requests, "outcome=\"hit\"");
        var diskBytesBefore = await edge.MetricAsync(BytesServed, "tier=\"disk\"");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Range = new RangeHeaderValue(size - MiB, null);
        using var hit = await edge.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, hit.StatusCode);
        Assert.Equal(MiB, await TestPattern.VerifyAsync(await hit.Content.ReadAsStreamAsync(), size - MiB));
        Assert.Equal(1, upstream.Requests(path));
        await Eventually.TrueAsync(async () => await edge.MetricAsync(Requests, "outcome=\"hit\"") == hitsBefore + 1, "the request counts as a hit");
        Assert.Equal(diskBytesBefore + MiB, await edge.MetricAsync(BytesServed, "tier=\"disk\""));
    }

    [Fact]
    public async Task An_object_larger_than_the_cache_admits_passes_through_to_20_clients_in_bounded_memory()
    {
        const long size = 1L << 30;
        const string path = EdgeServer.Asset + "preview.mp4";
        await using var upstream = await TestUpstream.StartAsync();
        upstream.PutPattern(path, size);
        // 1 GiB of cache admits objects up to a tenth of that: this one passes through, in a window paced by its readers.
        await using var edge = await EdgeProcess.StartAsync(upstream.Address, cacheSize: "1G");
        var (started, idle) = await WarmUpAsync(upstream, edge);
        var joinedBefore = await edge.MetricAsync(CoalescedWaiters);
        var passesBefore = await edge.MetricAsync(Requests, "outcome=\"pass\"");
        // Held after the first bytes until every client has joined, so they all read the one fill.
        var hold = upstream.HoldAfter(path, 64 * 1024);

        var clock = Stopwatch.StartNew();
        long peak;
        long[] lengths;
        await using (var sampler = new ResidentMemorySampler(edge.Pid))
        {
            var readers = Enumerable.Range(0, Clients).Select(_ => ReadWholeAsync(edge, path)).ToList();
            await Eventually.TrueAsync(async () => await edge.MetricAsync(CoalescedWaiters) == joinedBefore + Clients - 1,
                "every client joins the fill", TimeSpan.FromMinutes(5));
            hold.Release();
            lengths = await Task.WhenAll(readers);
            await sampler.StopAsync();
            peak = sampler.Peak;
            Report($"1 GiB uncached object to {Clients} clients through the window: {clock.Elapsed.TotalSeconds:0.0} s, {Clients * size / 1e9 / clock.Elapsed.TotalSeconds:0.00} GB/s sent; "
                + $"edge VmRSS at start {started / MiB} MiB, idle after warm-up {idle / MiB} MiB, peak {peak / MiB} MiB ({sampler.Samples} samples); peak - idle {(peak - idle) / MiB} MiB, bound {Bound / MiB} MiB");
        }

        Assert.All(lengths, length => Assert.Equal(size, length));
        Assert.Equal(1, upstream.Requests(path));
        Assert.True(peak - idle <= Bound,
            $"The edge's resident memory rose {(peak - idle) / MiB} MiB above idle (idle {idle / MiB} MiB, peak {peak / MiB} MiB) while {Clients} clients read a {size / MiB} MiB object passing through; the bound is {Bound / MiB} MiB.");
        Assert.Equal(1, await edge.MetricAsync(PassThrough, "reason=\"too_large\""));
        await Eventually.TrueAsync(async () => await edge.MetricAsync(Requests, "outcome=\"pass\"") == passesBefore + Clients,
            "every client's request counts as a pass-through");
    }

    /// <summary>One client: the whole object, every byte compared with the pattern. Returns how many bytes came.</summary>
    private static async Task<long> ReadWholeAsync(EdgeProcess edge, string path)
    {
        using var response = await edge.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestPattern.VerifyAsync(await response.Content.ReadAsStreamAsync());
    }

    /// <summary>
    /// Runs each path a big object takes once (a segment in memory, a body through the cache file, one through
    /// the window), two clients each, so that code, pools and buffers that stay are part of idle. Returns the
    /// resident memory at start and after.
    /// </summary>
    private static async Task<(long Started, long Idle)> WarmUpAsync(TestUpstream upstream, EdgeProcess edge)
    {
        var started = edge.ResidentBytes();
        upstream.Put(EdgeServer.Asset + "warm-segment.m4s", TestBytes.Make(2_000_000, seed: 31));
        upstream.PutPattern(EdgeServer.Asset + "warm-file.mp4", 48 * MiB);
        upstream.PutPattern(EdgeServer.Asset + "warm-window.mp4", 48 * MiB, cacheControl: "no-store");
        foreach (var name in new[] { "warm-segment.m4s", "warm-file.mp4", "warm-window.mp4" })
        {
            await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
            {
                using var response = await edge.Http.GetAsync(EdgeServer.Asset + name, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await (await response.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
            }));
        }

        return (started, edge.ResidentBytes());
    }

    private static void Report(string figures) =>
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{figures}"));
}
