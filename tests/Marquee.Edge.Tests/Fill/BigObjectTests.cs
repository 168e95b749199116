using System.Net;
using System.Net.Http.Headers;
using Marquee.Edge.Fill;
using Marquee.TestSupport;

namespace Marquee.Edge.Tests.Fill;

/// <summary>
/// Objects above the in-memory limit stream through the cache file while they fill: ranges, clients that leave,
/// fills that break, hits on the published file while the fill's readers are still at it. (Their memory is
/// measured on a real edge process in <see cref="BigObjectMemoryTests"/>.)
/// </summary>
public sealed class BigObjectTests : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private const long Size = 40L * MiB;
    private const string Name = "download.mp4";
    private const string ObjectPath = EdgeServer.Asset + Name;

    private TestUpstream upstream = null!;
    private EdgeServer edge = null!;

    public async ValueTask InitializeAsync()
    {
        Assert.True(Size > MemoryBody.Limit, "the object must be too large to fill in memory");
        upstream = await TestUpstream.StartAsync();
        // Room for the object: the disk admits objects up to a tenth of its budget.
        edge = await EdgeServer.StartAsync(upstream.Address, o => o.CacheSizeBytes = 1L << 30);
    }

    public async ValueTask DisposeAsync()
    {
        await edge.DisposeAsync();
        await upstream.DisposeAsync();
        // Tens of MiB per test: not left behind.
        Directory.Delete(edge.Options.CacheDirectory, recursive: true);
    }

    [Fact]
    public async Task Ranges_are_served_from_the_cache_file_while_the_object_fills()
    {
        upstream.PutPattern(ObjectPath, Size);
        var hold = upstream.HoldAfter(ObjectPath, 30 * MiB);
        using var whole = await edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead);
        await hold.Reached.Task;

        // Answered while the upstream still holds the rest back (these bytes are sent, the rest is not): from
        // the file being written.
        await AssertRangeAsync(MiB, MiB);
        await AssertRangeAsync((29 * MiB) + 5, 1000);
        // Past what has arrived: waits for it.
        var late = AssertRangeAsync(35L * MiB, 2 * MiB);
        var tail = AssertRangeAsync(Size - 10, 10, "bytes=-10");
        hold.Release();
        await late;
        await tail;
        Assert.Equal(Size, await TestPattern.VerifyAsync(await whole.Content.ReadAsStreamAsync()));

        Assert.Equal(1, upstream.Requests(ObjectPath));
        await Eventually.TrueAsync(() => edge.Disk.Count == 1, "the object is published");
        // Streamed, so never in the hot tier, however many requests waited for it.
        Assert.Equal(0, edge.Memory.UsedBytes);
        await AssertRangeAsync(20L * MiB, MiB);
        Assert.Equal(1, upstream.Requests(ObjectPath));
    }

    [Fact]
    public async Task A_client_that_leaves_mid_way_does_not_disturb_the_others_or_the_cache()
    {
        upstream.PutPattern(ObjectPath, Size);
        var hold = upstream.HoldAfter(ObjectPath, 8 * MiB);

        // The one that leaves is the one that started the fill.
        var leaving = await edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead);
        await (await leaving.Content.ReadAsStreamAsync()).ReadExactlyAsync(new byte[MiB]);
        var staying = edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead);
        await Eventually.TrueAsync(() => edge.Total("marquee.edge.coalesced_waiters") == 1, "the second request joins the fill");
        leaving.Dispose();
        hold.Release();

        using var stayed = await staying;
        Assert.Equal(Size, await TestPattern.VerifyAsync(await stayed.Content.ReadAsStreamAsync()));
        await Eventually.TrueAsync(() => edge.Disk.Count == 1, "the object is published");
        using var hit = await edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(Size, await TestPattern.VerifyAsync(await hit.Content.ReadAsStreamAsync()));
        Assert.Equal(1, upstream.Requests(ObjectPath));
    }

    [Fact]
    public async Task A_fill_that_breaks_off_breaks_its_readers_and_publishes_nothing()
    {
        upstream.PutPattern(ObjectPath, Size);
        var hold = upstream.HoldAfter(ObjectPath, 20 * MiB);
        var responses = new List<HttpResponseMessage>();
        var streams = new List<Stream>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead));
            streams.Add(await responses[^1].Content.ReadAsStreamAsync());
        }

        foreach (var stream in streams)
        {
            // Mid-body, for certain: each reader already has 10 MiB, read from the file being written.
            var head = new byte[10 * MiB];
            await stream.ReadExactlyAsync(head);
            Assert.True(TestPattern.Matches(0, head));
        }

        hold.Break();

        foreach (var (response, stream) in responses.Zip(streams))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Size, response.Content.Headers.ContentLength);
            // Never a short body passed off as complete: the response breaks.
            await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(Stream.Null));
            response.Dispose();
        }

        await Eventually.TrueAsync(() => edge.Fills.InFlight == 0, "the broken fill is gone");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(edge.Options.CacheDirectory, "objects"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(edge.Options.CacheDirectory, "tmp")));
        using var again = await edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(Size, await TestPattern.VerifyAsync(await again.Content.ReadAsStreamAsync()));
        Assert.Equal(2, upstream.Requests(ObjectPath));
    }

    [Fact]
    public async Task The_published_file_serves_hits_while_a_slow_reader_of_the_fill_still_reads_it()
    {
        upstream.PutPattern(ObjectPath, Size);
        using var slow = await edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead);
        var slowStream = await slow.Content.ReadAsStreamAsync();
        var head = new byte[MiB];
        await slowStream.ReadExactlyAsync(head);

        // The fill does not wait for its readers: it finishes and publishes (renames) the file this reader still reads.
        await Eventually.TrueAsync(() => edge.Disk.Count == 1, "the object is published", TimeSpan.FromMinutes(2));
        using (var hit = await edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
            Assert.Equal(Size, await TestPattern.VerifyAsync(await hit.Content.ReadAsStreamAsync()));
        }

        Assert.True(TestPattern.Matches(0, head));
        Assert.Equal(Size - MiB, await TestPattern.VerifyAsync(slowStream, MiB));
        Assert.Equal(1, upstream.Requests(ObjectPath));
    }

    [Fact]
    public async Task An_object_without_a_length_streams_through_the_cache_file_and_a_range_waits_for_its_end()
    {
        upstream.PutPattern(ObjectPath, Size, chunked: true);
        var hold = upstream.HoldAfter(ObjectPath, 4 * MiB);
        using var whole = await edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead);
        await hold.Reached.Task;
        var range = AssertRangeAsync(Size - 100, 100, "bytes=-100");
        await Eventually.TrueAsync(() => edge.Total("marquee.edge.coalesced_waiters") == 1, "the range joins the fill");
        hold.Release();

        Assert.Null(whole.Content.Headers.ContentLength);
        Assert.Equal(Size, await TestPattern.VerifyAsync(await whole.Content.ReadAsStreamAsync()));
        await range;
        await Eventually.TrueAsync(() => edge.Disk.Count == 1, "the object is published");
        using var hit = await edge.Http.GetAsync(edge.Url(Name), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(Size, hit.Content.Headers.ContentLength);
        Assert.Equal(Size, await TestPattern.VerifyAsync(await hit.Content.ReadAsStreamAsync()));
        Assert.Equal(1, upstream.Requests(ObjectPath));
    }

    private async Task AssertRangeAsync(long start, int count, string? header = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, edge.Url(Name));
        request.Headers.Range = header is null ? new RangeHeaderValue(start, start + count - 1) : RangeHeaderValue.Parse(header);
        using var response = await edge.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {start}-{start + count - 1}/{Size}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(TestPattern.Bytes(start, count), await response.Content.ReadAsByteArrayAsync());
    }
}
