using System.Net;
using System.Net.Http.Headers;

namespace Marquee.Edge.Tests.Delivery;

/// <summary>Ranges, HEAD, validators and content types, on a cached object and on one being filled.</summary>
public sealed class HttpSemanticsTests : IAsyncLifetime
{
    private const int Length = 10_000;
    private static readonly byte[] Segment = TestBytes.Make(Length);

    private TestUpstream upstream = null!;
    private EdgeServer edge = null!;

    public async ValueTask InitializeAsync()
    {
        upstream = await TestUpstream.StartAsync();
        upstream.Put(EdgeServer.Asset + "seg-1.m4s", Segment);
        edge = await EdgeServer.StartAsync(upstream.Address);
        Assert.Equal(Segment, await edge.Http.GetByteArrayAsync(edge.Url("seg-1.m4s")));
    }

    public async ValueTask DisposeAsync()
    {
        await edge.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Theory]
    [InlineData("bytes=0-0", 0, 1)]
    [InlineData("bytes=-500", Length - 500, 500)]
    [InlineData("bytes=500-", 500, Length - 500)]
    [InlineData("bytes=100-199", 100, 100)]
    [InlineData("bytes=9990-20000", 9990, 10)]
    [InlineData("bytes=-20000", 0, Length)]
    public async Task A_single_range_is_206_with_its_bytes(string range, int start, int count)
    {
        using var response = await GetAsync("seg-1.m4s", r => r.Headers.TryAddWithoutValidation("Range", range));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {start}-{start + count - 1}/{Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(count, response.Content.Headers.ContentLength);
        Assert.Equal(Segment.AsSpan(start, count).ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=10000-")]
    [InlineData("bytes=20000-20001")]
    [InlineData("bytes=-0")]
    public async Task A_range_past_the_end_is_416_with_the_length(string range)
    {
        using var response = await GetAsync("seg-1.m4s", r => r.Headers.TryAddWithoutValidation("Range", range));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{Length}", response.Content.Headers.ContentRange!.ToString());
    }

    [Theory]
    [InlineData("bytes=5-1")]
    [InlineData("bytes=abc")]
    [InlineData("items=0-5")]
    // Several ranges: answered with the whole object, which RFC 9110 allows (no multipart/byteranges).
    [InlineData("bytes=0-1,5-6")]
    public async Task An_invalid_or_multiple_range_is_ignored_200_full(string range)
    {
        using var response = await GetAsync("seg-1.m4s", r => r.Headers.TryAddWithoutValidation("Range", range));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Segment, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_has_the_headers_and_no_body()
    {
        using var response = await GetAsync("seg-1.m4s", r => r.Method = HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Length, response.Content.Headers.ContentLength);
        Assert.Equal("video/iso.segment", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Cached_segments_carry_the_upstreams_caching_and_validators()
    {
        using var response = await GetAsync("seg-1.m4s");

        Assert.Equal(TestUpstream.ImmutableCacheControl, string.Join(", ", response.Headers.GetValues("Cache-Control")));
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("bytes", response.Headers.AcceptRanges);
    }

    [Fact]
    public async Task If_none_match_with_the_etag_is_304_with_the_etag()
    {
        using var first = await GetAsync("seg-1.m4s");
        var etag = first.Headers.ETag!;

        using var response = await GetAsync("seg-1.m4s", r => r.Headers.IfNoneMatch.Add(etag));
        using var weak = await GetAsync("seg-1.m4s", r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"other\", W/" + etag.Tag));
        using var other = await GetAsync("seg-1.m4s", r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"other\""));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task If_modified_since_is_304_unless_modified_later()
    {
        using var first = await GetAsync("seg-1.m4s");
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var same = await GetAsync("seg-1.m4s", r => r.Headers.IfModifiedSince = lastModified);
        using var earlier = await GetAsync("seg-1.m4s", r => r.Headers.IfModifiedSince = lastModified.AddDays(-1));

        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, earlier.StatusCode);
    }

    [Fact]
    public async Task If_range_keeps_the_range_only_for_the_current_representation()
    {
        using var first = await GetAsync("seg-1.m4s");
        var etag = first.Headers.ETag!;

        using var current = await GetAsync("seg-1.m4s", r =>
        {
            r.Headers.TryAddWithoutValidation("Range", "bytes=0-9");
            r.Headers.IfRange = new RangeConditionHeaderValue(etag);
        });
        using var changed = await GetAsync("seg-1.m4s", r =>
        {
            r.Headers.TryAddWithoutValidation("Range", "bytes=0-9");
            r.Headers.IfRange = new RangeConditionHeaderValue("\"changed\"");
        });

        Assert.Equal(HttpStatusCode.PartialContent, current.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(Segment, await changed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_of_an_uncached_object_is_served_from_the_fill()
    {
        var other = TestBytes.Make(300_000, seed: 7);
        upstream.Put(EdgeServer.Asset + "seg-2.m4s", other);

        using var response = await GetAsync("seg-2.m4s", r => r.Headers.TryAddWithoutValidation("Range", "bytes=250000-250099"));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(other.AsSpan(250_000, 100).ToArray(), await response.Content.ReadAsByteArrayAsync());
        // The whole object was fetched once and cached; the next range is a hit.
        using var again = await GetAsync("seg-2.m4s", r => r.Headers.TryAddWithoutValidation("Range", "bytes=-10"));
        Assert.Equal(other.AsSpan(other.Length - 10).ToArray(), await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, upstream.Requests(EdgeServer.Asset + "seg-2.m4s"));
    }

    [Theory]
    [InlineData("init.mp4", "video/mp4")]
    [InlineData("seg-3.m4s", "video/iso.segment")]
    [InlineData("subs/en.vtt", "text/vtt")]
    [InlineData("poster.jpg", "image/jpeg")]
    [InlineData("main.m3u8", "application/vnd.apple.mpegurl")]
    [InlineData("manifest.mpd", "application/dash+xml")]
    public async Task Content_types_follow_the_object(string name, string expected)
    {
        var body = name.EndsWith(".m3u8", StringComparison.Ordinal) ? "#EXTM3U\n#EXT-X-VERSION:7\n"u8.ToArray()
            : name.EndsWith(".mpd", StringComparison.Ordinal) ? "<?xml version=\"1.0\"?><MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\"/>"u8.ToArray()
            : TestBytes.Make(100);
        // Served as octet-stream upstream: the edge still names it by its extension.
        upstream.Put(EdgeServer.Asset + name, body, contentType: name == "poster.jpg" ? "application/octet-stream" : null);

        using var response = await GetAsync(name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
    }

    private async Task<HttpResponseMessage> GetAsync(string name, Action<HttpRequestMessage>? change = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, edge.Url(name));
        change?.Invoke(request);
        return await edge.Http.SendAsync(request);
    }
}
