using System.Net;
using Marquee.TestSupport;

namespace Marquee.Edge.Tests.Fill;

/// <summary>Many misses, one upstream fetch; every waiter streams bytes as they arrive; a broken fill caches nothing.</summary>
public sealed class CoalescingTests : IAsyncLifetime
{
    private const string Name = "seg-1.m4s";
    private const string ObjectPath = EdgeServer.Asset + Name;

    private TestUpstream upstream = null!;
    private EdgeServer edge = null!;

    public async ValueTask InitializeAsync()
    {
        upstream = await TestUpstream.StartAsync();
        edge = await EdgeServer.StartAsync(upstream.Address);
    }

    public async ValueTask DisposeAsync()
    {
        await edge.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task Two_hundred_concurrent_misses_make_one_upstream_fetch()
    {
        var source = TestBytes.Make(1_500_000, seed: 3);
        upstream.Put(ObjectPath, source);
        // Held after the first bytes until every request has joined, so they truly overlap.
        var hold = upstream.HoldAfter(ObjectPath, 1000);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = edge.Address, Timeout = Timeout.InfiniteTimeSpan };
        var url = edge.Url(Name);

        var requests = Enumerable.Range(0, 200).Select(_ => http.GetByteArrayAsync(url)).ToList();
        await hold.Reached.Task;
        while (edge.Total("marquee.edge.coalesced_waiters") + 1 < 200)
        {
            await Task.Delay(20);
        }

        hold.Release();
        var bodies = await Task.WhenAll(requests);

        Assert.Equal(1, upstream.Requests(ObjectPath));
        Assert.All(bodies, body => Assert.Equal(source, body));
        // Published once the fill ended: the next request is a hit, still without a second fetch.
        Assert.Equal(source, await http.GetByteArrayAsync(url));
        Assert.Equal(1, upstream.Requests(ObjectPath));
    }

    [Fact]
    public async Task Waiters_get_the_first_bytes_before_the_upstream_has_sent_the_rest()
    {
        const int first = 100_000;
        var source = TestBytes.Make(2_000_000, seed: 4);
        upstream.Put(ObjectPath, source);
        var hold = upstream.HoldAfter(ObjectPath, first);
        var url = edge.Url(Name);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => edge.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead)));
        var streams = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStreamAsync()));
        var heads = new byte[5][];
        for (var i = 0; i < 5; i++)
        {
            heads[i] = new byte[first];
            // Completes only if the edge streams what it has: the upstream is still holding the rest back.
            await streams[i].ReadExactlyAsync(heads[i]);
        }

        Assert.All(heads, head => Assert.Equal(source.AsSpan(0, first).ToArray(), head));
        hold.Release();
        for (var i = 0; i < 5; i++)
        {
            using var rest = new MemoryStream();
            await streams[i].CopyToAsync(rest);
            Assert.Equal(source.AsSpan(first).ToArray(), rest.ToArray());
            responses[i].Dispose();
        }

        Assert.Equal(1, upstream.Requests(ObjectPath));
    }

    [Fact]
    public async Task A_fill_that_breaks_breaks_its_waiters_and_caches_nothing()
    {
        var source = TestBytes.Make(500_000, seed: 5);
        upstream.Put(ObjectPath, source);
        var hold = upstream.HoldAfter(ObjectPath, 50_000);
        var url = edge.Url(Name);

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => edge.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead)));
        var streams = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStreamAsync()));
        foreach (var stream in streams)
        {
            // Mid-body, for certain: each waiter already has the first bytes.
            await stream.ReadExactlyAsync(new byte[50_000]);
        }

        hold.Break();

        foreach (var (response, stream) in responses.Zip(streams))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(Stream.Null));
            response.Dispose();
        }

        Assert.Empty(Directory.EnumerateFiles(CacheFolder(edge, "objects"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(CacheFolder(edge, "tmp")));
        // Nothing was cached: the next request fetches again, and gets the whole object. The broken fill is
        // unregistered just after its waiters see the failure; a request before that would join it.
        await Eventually.TrueAsync(() => edge.Fills.InFlight == 0, "the broken fill is gone");
        Assert.Equal(source, await edge.Http.GetByteArrayAsync(url));
        Assert.Equal(2, upstream.Requests(ObjectPath));
    }

    [Fact]
    public async Task A_waiter_that_leaves_does_not_cancel_the_fill_for_the_others()
    {
        var source = TestBytes.Make(800_000, seed: 6);
        upstream.Put(ObjectPath, source);
        var hold = upstream.HoldAfter(ObjectPath, 10_000);
        var url = edge.Url(Name);

        // The one that leaves is the one that started the fill.
        using var leaving = new CancellationTokenSource();
        var leaver = edge.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, leaving.Token);
        await hold.Reached.Task;
        var staying = edge.Http.GetByteArrayAsync(url);
        while (edge.Total("marquee.edge.coalesced_waiters") < 1)
        {
            await Task.Delay(20);
        }

        (await leaver).Dispose();
        leaving.Cancel();
        hold.Release();

        Assert.Equal(source, await staying);
        Assert.Equal(source, await edge.Http.GetByteArrayAsync(url));
        Assert.Equal(1, upstream.Requests(ObjectPath));
    }

    [Fact]
    public async Task A_prefetch_fills_the_cache_and_says_whether_it_fetched()
    {
        var source = TestBytes.Make(20_000, seed: 8);
        upstream.Put(ObjectPath, source);

        Assert.True(await edge.Fills.PrefetchAsync(ObjectPath[1..], CancellationToken.None));
        Assert.False(await edge.Fills.PrefetchAsync(ObjectPath[1..], CancellationToken.None));
        Assert.Equal(source, await edge.Http.GetByteArrayAsync(edge.Url(Name)));
        Assert.Equal(1, upstream.Requests(ObjectPath));

        var missing = await Assert.ThrowsAsync<HttpRequestException>(() => edge.Fills.PrefetchAsync(EdgeServer.Asset[1..] + "none.m4s", CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_object_without_a_length_streams_and_caches()
    {
        var source = TestBytes.Make(300_000, seed: 9);
        upstream.Put(ObjectPath, source, chunked: true);

        Assert.Equal(source, await edge.Http.GetByteArrayAsync(edge.Url(Name)));
        using var cached = await edge.Http.GetAsync(edge.Url(Name));

        Assert.Equal(source.Length, cached.Content.Headers.ContentLength);
        Assert.Equal(source, await cached.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, upstream.Requests(ObjectPath));
    }

    private static string CacheFolder(EdgeServer edge, string folder) => Path.Combine(edge.Options.CacheDirectory, folder);
}
