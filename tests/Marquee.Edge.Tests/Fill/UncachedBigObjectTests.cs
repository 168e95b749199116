using System.Net;
using System.Net.Http.Headers;
using Marquee.Edge.Fill;
using Marquee.TestSupport;

namespace Marquee.Edge.Tests.Fill;

/// <summary>
/// Large objects that cannot be cached (here: <c>no-store</c>) pass through a bounded window that the fill
/// overwrites only once every reader has sent it: readers that leave stop holding it back, a request that comes
/// after the window moved on gets a fetch of its own, and a prefetch with no reader does not wait for anyone.
/// </summary>
public sealed class UncachedBigObjectTests : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private const long Size = 40L * MiB;
    private const string Name = "preview.mp4";
    private const string ObjectPath = EdgeServer.Asset + Name;

    private TestUpstream upstream = null!;
    private EdgeServer edge = null!;

    public async ValueTask InitializeAsync()
    {
        Assert.True(Size > MemoryBody.Limit && Size > 8 * ChunkWindow.Capacity, "the object must stream, through many turns of the window");
        upstream = await TestUpstream.StartAsync();
        edge = await EdgeServer.StartAsync(upstream.Address);
    }

    public async ValueTask DisposeAsync()
    {
        await edge.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task Every_waiter_gets_the_whole_object_and_a_reader_that_leaves_stops_holding_the_others_back()
    {
        upstream.PutPattern(ObjectPath, Size, cacheControl: "no-store");
        // Held at the start until all three have joined, so they share one fill.
        var hold = upstream.HoldAfter(ObjectPath, 1000);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead));
        }

        Assert.Equal(2, edge.Total("marquee.edge.coalesced_waiters"));
        hold.Release();
        // This one reads 3 MiB, more than the window holds, so the others cannot have finished, then stops
        // reading and leaves: the fill must not wait for it any more.
        var leaving = await responses[0].Content.ReadAsStreamAsync();
        var head = new byte[3 * MiB];
        await leaving.ReadExactlyAsync(head);
        Assert.True(TestPattern.Matches(0, head));
        responses[0].Dispose();

        // Read at once: each paces the other. Not a limit on speed, only so that a fill waiting for a reader that
        // is gone fails the test rather than hangs it.
        using var stalled = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var lengths = await Task.WhenAll(responses.Skip(1).Select(async response =>
        {
            Assert.Equal(Size, response.Content.Headers.ContentLength);
            return await TestPattern.VerifyAsync(await response.Content.ReadAsStreamAsync(), 0, stalled.Token);
        }));
        Assert.All(lengths, length => Assert.Equal(Size, length));
        responses.ForEach(r => r.Dispose());

        Assert.Equal(1, upstream.Requests(ObjectPath));
        Assert.Equal(1, edge.Total("marquee.edge.pass_through"));
        await Eventually.TrueAsync(() => edge.Fills.InFlight == 0, "the fill has ended");
        Assert.Equal(0, edge.Disk.Count);
        Assert.Empty(Directory.EnumerateFiles(edge.Options.CacheDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_request_after_the_window_has_moved_on_gets_a_fetch_of_its_own()
    {
        upstream.PutPattern(ObjectPath, Size, cacheControl: "no-store");
        var hold = upstream.HoldAfter(ObjectPath, 8 * MiB);
        using var first = await edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead);
        var firstStream = await first.Content.ReadAsStreamAsync();
        // Past the window's first turn: its first bytes are gone.
        var head = new byte[4 * MiB];
        await firstStream.ReadExactlyAsync(head);

        using var second = await edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(Size, await TestPattern.VerifyAsync(await second.Content.ReadAsStreamAsync()));
        hold.Release();
        Assert.Equal(Size - head.Length, await TestPattern.VerifyAsync(firstStream, head.Length));

        Assert.True(TestPattern.Matches(0, head));
        Assert.Equal(2, upstream.Requests(ObjectPath));
        Assert.Equal(0, edge.Total("marquee.edge.coalesced_waiters"));
    }

    [Fact]
    public async Task An_object_of_unknown_length_that_turns_out_too_large_to_cache_goes_on_through_the_window()
    {
        // The disk admits objects up to a tenth of its budget: 6.4 MiB here. The fill learns the size only as it
        // goes, so it writes the cache file until then, and its readers carry on from the file into the window.
        await using var small = await EdgeServer.StartAsync(upstream.Address, o => o.CacheSizeBytes = 64L * MiB);
        upstream.PutPattern(ObjectPath, Size, chunked: true);
        var hold = upstream.HoldAfter(ObjectPath, 1000);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            responses.Add(await small.Http.GetAsync(small.Url(Name), HttpCompletionOption.ResponseHeadersRead));
        }

        hold.Release();
        using var stalled = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var lengths = await Task.WhenAll(responses.Select(async r => await TestPattern.VerifyAsync(await r.Content.ReadAsStreamAsync(), 0, stalled.Token)));

        Assert.All(lengths, length => Assert.Equal(Size, length));
        responses.ForEach(r => r.Dispose());
        Assert.Equal(1, upstream.Requests(ObjectPath));
        Assert.Equal(1, small.Total("marquee.edge.pass_through"));
        await Eventually.TrueAsync(() => small.Fills.InFlight == 0, "the fill has ended");
        Assert.Equal(0, small.Disk.Count);
        Assert.Empty(Directory.EnumerateFiles(small.Options.CacheDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_range_of_an_uncached_object_of_unknown_length_gets_the_whole_object()
    {
        upstream.PutPattern(ObjectPath, Size, cacheControl: "no-store", chunked: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, edge.Url(Name));
        request.Headers.Range = new RangeHeaderValue(100, 199);

        using var response = await edge.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        // Its end is not known until it has passed, and it is not kept: RFC 9110 lets a server ignore the Range.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size, await TestPattern.VerifyAsync(await response.Content.ReadAsStreamAsync()));
    }

    [Fact]
    public async Task A_prefetch_with_no_reader_does_not_wait_for_one()
    {
        upstream.PutPattern(ObjectPath, Size, cacheControl: "no-store");

        Assert.True(await edge.Fills.PrefetchAsync(ObjectPath[1..], TestContext.Current.CancellationToken));

        Assert.Equal(0, edge.Disk.Count);
        Assert.Equal(1, upstream.Requests(ObjectPath));
    }
}
