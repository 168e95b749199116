using Marquee.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Edge.Tests.FastPath;

/// <summary>
/// The fast path (cached hits answered by the edge itself over plain HTTP/1.1) against a real edge, by hand-written
/// requests on real sockets: it answers hits, ranges and HEAD with the bytes and headers of the whole way; it hands
/// everything else (refusals, validators, unsatisfiable ranges, misses, operations) to Kestrel on the same
/// connection, in order, pipelined or not; and hits it answers are counted. <see cref="PipelineRequests"/> tells
/// which side answered.
/// </summary>
public sealed class FastPathTests : IAsyncLifetime
{
    private const int Small = 10_000;
    private const int Large = 300_000;
    private static readonly byte[] SmallBody = TestBytes.Make(Small, 1);
    private static readonly byte[] LargeBody = TestBytes.Make(Large, 2);

    private readonly PipelineRequests pipeline = new();
    private TestUpstream upstream = null!;
    private EdgeServer edge = null!;

    // One token for every request of a test: a token is verified the whole way once, then the fast path may take it.
    private string token = null!;

    public async ValueTask InitializeAsync()
    {
        upstream = await TestUpstream.StartAsync();
        upstream.Put(EdgeServer.Asset + "seg-1.m4s", SmallBody);
        upstream.Put(EdgeServer.Asset + "seg-2.m4s", LargeBody);
        upstream.Put(EdgeServer.Asset + "seg-3.m4s", TestBytes.Make(5000, 3));
        edge = await EdgeServer.StartAsync(upstream.Address, services: s => s.AddSingleton<IStartupFilter>(pipeline));
        token = edge.Token();
        // A miss (the whole way), then disk hits; the second moves the object into the memory tier.
        foreach (var name in new[] { "seg-1.m4s", "seg-2.m4s" })
        {
            await edge.Http.GetByteArrayAsync(Url(name));
            await Eventually.TrueAsync(() => edge.Disk.TryGet(name.Insert(0, EdgeServer.Asset[1..]), out _), $"{name} is on disk");
            await edge.Http.GetByteArrayAsync(Url(name));
            await edge.Http.GetByteArrayAsync(Url(name));
        }
    }

    private string Url(string name) => edge.Url(name, token);

    public async ValueTask DisposeAsync()
    {
        await edge.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Theory]
    [InlineData("seg-1.m4s")]
    [InlineData("seg-2.m4s")]
    public async Task A_hit_is_answered_by_the_fast_path_with_the_whole_ways_headers(string name)
    {
        await using var connection = await RawConnection.OpenAsync(edge.Address);
        var before = pipeline.Count;

        await connection.SendAsync(RawConnection.Get(Url(name)));
        var response = await connection.ReadAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal(name == "seg-1.m4s" ? SmallBody : LargeBody, response.Body);
        Assert.Equal("video/iso.segment", response.Header("Content-Type"));
        Assert.Equal(TestUpstream.ImmutableCacheControl, response.Header("Cache-Control"));
        Assert.StartsWith("\"", response.Header("ETag"), StringComparison.Ordinal);
        Assert.Equal("Thu, 02 Jan 2025 03:04:05 GMT", response.Header("Last-Modified"));
        Assert.Equal("bytes", response.Header("Accept-Ranges"));
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("no-referrer", response.Header("Referrer-Policy"));
        Assert.NotNull(response.Header("Date"));
        Assert.Equal(before, pipeline.Count);
    }

    [Theory]
    [InlineData("seg-1.m4s", "bytes=100-199", 100, 100)]
    [InlineData("seg-1.m4s", "bytes=-500", Small - 500, 500)]
    [InlineData("seg-1.m4s", "bytes=9990-", 9990, 10)]
    [InlineData("seg-1.m4s", "bytes=0-0", 0, 1)]
    [InlineData("seg-2.m4s", "bytes=1000-", 1000, Large - 1000)]
    [InlineData("seg-2.m4s", "bytes=-200000", Large - 200_000, 200_000)]
    public async Task A_single_range_is_206_from_the_fast_path(string name, string range, int start, int count)
    {
        await using var connection = await RawConnection.OpenAsync(edge.Address);
        var before = pipeline.Count;

        await connection.SendAsync(RawConnection.Get(Url(name), "Range: " + range));
        var response = await connection.ReadAsync();

        var body = name == "seg-1.m4s" ? SmallBody : LargeBody;
        Assert.Equal(206, response.Status);
        Assert.Equal($"bytes {start}-{start + count - 1}/{body.Length}", response.Header("Content-Range"));
        Assert.Equal(body.AsSpan(start, count).ToArray(), response.Body);
        Assert.Equal(before, pipeline.Count);
    }

    [Theory]
    [InlineData("bytes=10000-")]
    [InlineData("bytes=-0")]
    public async Task An_unsatisfiable_range_is_416_from_kestrel_and_the_connection_goes_on(string range)
    {
        await using var connection = await RawConnection.OpenAsync(edge.Address);
        var before = pipeline.Count;

        await connection.SendAsync(RawConnection.Get(Url("seg-1.m4s"), "Range: " + range));
        var refused = await connection.ReadAsync();
        await connection.SendAsync(RawConnection.Get(Url("seg-1.m4s")));
        var next = await connection.ReadAsync();

        Assert.Equal(416, refused.Status);
        Assert.Equal($"bytes */{Small}", refused.Header("Content-Range"));
        Assert.Equal(SmallBody, next.Body);
        Assert.Equal(before + 1, pipeline.Count);
    }

    [Fact]
    public async Task Validators_get_304_and_the_connection_goes_on()
    {
        await using var connection = await RawConnection.OpenAsync(edge.Address);
        await connection.SendAsync(RawConnection.Get(Url("seg-1.m4s")));
        var first = await connection.ReadAsync();

        await connection.SendAsync(
            RawConnection.Get(Url("seg-1.m4s"), "If-None-Match: " + first.Header("ETag")),
            RawConnection.Get(Url("seg-1.m4s"), "If-Modified-Since: " + first.Header("Last-Modified")),
            RawConnection.Get(Url("seg-1.m4s"), "If-None-Match: \"other\""),
            RawConnection.Get(Url("seg-1.m4s")));
        var byTag = await connection.ReadAsync();
        var byDate = await connection.ReadAsync();
        var changed = await connection.ReadAsync();
        var after = await connection.ReadAsync();

        Assert.Equal(304, byTag.Status);
        Assert.Equal(first.Header("ETag"), byTag.Header("ETag"));
        Assert.Equal(304, byDate.Status);
        Assert.Equal(200, changed.Status);
        Assert.Equal(SmallBody, changed.Body);
        Assert.Equal(SmallBody, after.Body);
    }

    [Theory]
    [InlineData("seg-1.m4s", Small)]
    [InlineData("seg-2.m4s", Large)]
    public async Task Head_has_the_length_and_no_body(string name, int length)
    {
        await using var connection = await RawConnection.OpenAsync(edge.Address);
        var before = pipeline.Count;

        await connection.SendAsync(RawConnection.Head(Url(name)), RawConnection.Get(Url("seg-1.m4s")));
        var head = await connection.ReadAsync(head: true);
        // Had any body followed the HEAD's answer, this would read it as the next response and fail.
        var next = await connection.ReadAsync();

        Assert.Equal(200, head.Status);
        Assert.Equal(length.ToString(), head.Header("Content-Length"));
        Assert.Equal(SmallBody, next.Body);
        Assert.Equal(before, pipeline.Count);
    }

    [Theory]
    [InlineData("missing", 403)]
    [InlineData("tampered", 403)]
    [InlineData("wrong-asset", 403)]
    [InlineData("expired", 410)]
    public async Task Bad_tokens_are_refused_for_a_cached_object_as_before(string kind, int status)
    {
        var good = token;
        var target = kind switch
        {
            "missing" => EdgeServer.Asset + "seg-1.m4s",
            "tampered" => edge.Url("seg-1.m4s", good[..^2] + (good[^2] == 'A' ? "BB" : "AA")),
            "wrong-asset" => edge.Url("seg-1.m4s", edge.Token(prefix: "/media/0000000000000000/v1/")),
            _ => edge.Url("seg-1.m4s", edge.Token(validFor: TimeSpan.FromSeconds(-1))),
        };
        await using var connection = await RawConnection.OpenAsync(edge.Address);

        await connection.SendAsync(RawConnection.Get(target), RawConnection.Get(edge.Url("seg-1.m4s", good)));
        var refused = await connection.ReadAsync();
        var next = await connection.ReadAsync();

        Assert.Equal(status, refused.Status);
        Assert.Equal("application/problem+json", refused.Header("Content-Type")?.Split(';')[0]);
        Assert.DoesNotContain("SECRET", System.Text.Encoding.ASCII.GetString(refused.Body), StringComparison.Ordinal);
        Assert.NotEqual(SmallBody, refused.Body);
        Assert.Equal(SmallBody, next.Body);
    }

    [Fact]
    public async Task A_token_verified_before_is_refused_once_its_key_is_retired()
    {
        await using var connection = await RawConnection.OpenAsync(edge.Address);
        await connection.SendAsync(RawConnection.Get(edge.Url("seg-1.m4s", token)));
        Assert.Equal(200, (await connection.ReadAsync()).Status);

        edge.Keys.Replace([EdgeServer.KeyB]);
        await connection.SendAsync(RawConnection.Get(edge.Url("seg-1.m4s", token)));
        var refused = await connection.ReadAsync();

        Assert.Equal(403, refused.Status);
    }

    [Fact]
    public async Task Pipelined_requests_are_answered_in_order_whichever_side_answers_each()
    {
        await using var connection = await RawConnection.OpenAsync(edge.Address);
        var before = pipeline.Count;

        await connection.SendAsync(
            RawConnection.Get(Url("seg-1.m4s")),
            RawConnection.Get("/healthz"),
            RawConnection.Get(Url("seg-2.m4s"), "Range: bytes=10-19"),
            RawConnection.Head(Url("seg-2.m4s")),
            RawConnection.Get(Url("no-such.m4s")),
            RawConnection.Get(Url("seg-2.m4s")),
            RawConnection.Get(Url("seg-1.m4s"), "Range: bytes=-3"));

        var hit = await connection.ReadAsync();
        var health = await connection.ReadAsync();
        var range = await connection.ReadAsync();
        var head = await connection.ReadAsync(head: true);
        var missing = await connection.ReadAsync();
        var large = await connection.ReadAsync();
        var suffix = await connection.ReadAsync();

        Assert.Equal(SmallBody, hit.Body);
        Assert.Equal(200, health.Status);
        Assert.Equal(LargeBody.AsSpan(10, 10).ToArray(), range.Body);
        Assert.Equal(Large.ToString(), head.Header("Content-Length"));
        Assert.Equal(404, missing.Status);
        Assert.Equal(LargeBody, large.Body);
        Assert.Equal(SmallBody.AsSpan(Small - 3).ToArray(), suffix.Body);
        Assert.Equal(before + 2, pipeline.Count);
    }

    [Fact]
    public async Task Kestrel_and_the_fast_path_take_turns_on_one_connection()
    {
        await using var connection = await RawConnection.OpenAsync(edge.Address);
        var before = pipeline.Count;

        // Kestrel (an operation), the fast path (a hit), Kestrel (a miss it fills), the fast path again.
        await connection.SendAsync(RawConnection.Get("/healthz"));
        var health = await connection.ReadAsync();
        await connection.SendAsync(RawConnection.Get(Url("seg-1.m4s")));
        var hit = await connection.ReadAsync();
        await connection.SendAsync(RawConnection.Get(Url("seg-3.m4s")));
        var miss = await connection.ReadAsync();
        await connection.SendAsync(RawConnection.Get(Url("seg-2.m4s")));
        var hitAgain = await connection.ReadAsync();
        await connection.SendAsync(RawConnection.Get("/metrics"));
        var metrics = await connection.ReadAsync();

        Assert.Equal(200, health.Status);
        Assert.Equal(SmallBody, hit.Body);
        Assert.Equal(TestBytes.Make(5000, 3), miss.Body);
        Assert.Equal(LargeBody, hitAgain.Body);
        Assert.Equal(200, metrics.Status);
        Assert.Equal(before + 3, pipeline.Count);
    }

    [Fact]
    public async Task Connection_close_is_answered_then_the_connection_closes()
    {
        await using var connection = await RawConnection.OpenAsync(edge.Address);

        await connection.SendAsync(RawConnection.Get(Url("seg-1.m4s"), "Connection: close"));
        var response = await connection.ReadAsync();

        Assert.Equal(SmallBody, response.Body);
        Assert.Equal("close", response.Header("Connection"));
        Assert.True(await connection.ClosedAsync());
    }

    [Fact]
    public async Task Hits_from_the_fast_path_are_counted()
    {
        // The warm-up's six requests (two misses, four hits) are counted as their responses complete, which may be
        // after the client has read them: the baseline is taken once they all are.
        await Eventually.TrueAsync(
            () => edge.Total("marquee.edge.requests") >= 6 && edge.Total("marquee.edge.cache.object_hits") >= 4
                && edge.Total("marquee.edge.cache.byte_hits") >= 2 * (Small + Large),
            "the warm-up is counted");
        var requests = edge.Total("marquee.edge.requests");
        var hits = edge.Total("marquee.edge.cache.object_hits");
        var bytes = edge.Total("marquee.edge.cache.byte_hits");
        var before = pipeline.Count;
        await using var connection = await RawConnection.OpenAsync(edge.Address);

        await connection.SendAsync(RawConnection.Get(Url("seg-1.m4s")), RawConnection.Get(Url("seg-2.m4s")),
            RawConnection.Get(Url("seg-2.m4s"), "Range: bytes=0-99"));
        for (var i = 0; i < 3; i++)
        {
            await connection.ReadAsync();
        }

        // One request's counters are added one after another on the server's thread: wait for the last of them.
        await Eventually.TrueAsync(
            () => edge.Total("marquee.edge.requests") >= requests + 3
                && edge.Total("marquee.edge.cache.object_hits") >= hits + 3
                && edge.Total("marquee.edge.cache.byte_hits") >= bytes + Small + Large + 100,
            "three requests counted");
        Assert.Equal(requests + 3, edge.Total("marquee.edge.requests"));
        Assert.Equal(hits + 3, edge.Total("marquee.edge.cache.object_hits"));
        Assert.Equal(bytes + Small + Large + 100, edge.Total("marquee.edge.cache.byte_hits"));
        Assert.Equal(before, pipeline.Count);
    }
}
