using System.Net;
using System.Net.Http.Headers;

namespace Marquee.Origin.Tests.Delivery;

public sealed class MediaApiTests(ReadyTitleFixture fixture) : IClassFixture<ReadyTitleFixture>
{
    private HttpClient Http => fixture.Server.Http;

    private string Prefix => fixture.Title.GetProperty("hls").GetString()![..^"master.m3u8".Length];

    [Fact]
    public async Task Segments_are_immutable_and_playlists_short_lived_with_the_right_types()
    {
        using var segment = await Http.GetAsync(Prefix + "seg-0-00001.m4s");
        using var playlist = await Http.GetAsync(Prefix + "master.m3u8");
        using var mpd = await Http.GetAsync(Prefix + "manifest.mpd");
        using var vtt = await Http.GetAsync(Prefix + "trickplay/thumbnails.vtt");
        using var poster = await Http.GetAsync(Prefix + "poster.jpg");

        Assert.Equal("public, max-age=31536000, immutable", segment.Headers.CacheControl!.ToString());
        Assert.Equal("video/iso.segment", segment.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=60", playlist.Headers.CacheControl!.ToString());
        Assert.Equal("application/vnd.apple.mpegurl", playlist.Content.Headers.ContentType!.MediaType);
        Assert.Equal("application/dash+xml", mpd.Content.Headers.ContentType!.MediaType);
        Assert.Equal("text/vtt", vtt.Content.Headers.ContentType!.MediaType);
        Assert.Equal("image/jpeg", poster.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(segment.Headers.ETag);
        Assert.NotNull(segment.Content.Headers.LastModified);
        Assert.Equal("bytes", segment.Headers.AcceptRanges.Single());
    }

    [Fact]
    public async Task Byte_ranges_answer_206_with_exactly_the_requested_bytes()
    {
        var whole = await Http.GetByteArrayAsync(Prefix + "seg-0-00001.m4s");
        using var request = new HttpRequestMessage(HttpMethod.Get, Prefix + "seg-0-00001.m4s");
        request.Headers.Range = new RangeHeaderValue(100, 1099);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 100-1099/{whole.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(whole[100..1100], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Unsatisfiable_range_answers_416()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Prefix + "seg-0-00001.m4s");
        request.Headers.Range = new RangeHeaderValue(50_000_000, 50_000_100);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
    }

    [Fact]
    public async Task Conditional_get_with_the_etag_answers_304_and_head_sends_no_body()
    {
        using var first = await Http.GetAsync(Prefix + "init-0.m4s");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, Prefix + "init-0.m4s");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var head = new HttpRequestMessage(HttpMethod.Head, Prefix + "init-0.m4s");

        using var notModified = await Http.SendAsync(conditional);
        using var headResponse = await Http.SendAsync(head);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
        Assert.Equal(first.Content.Headers.ContentLength, headResponse.Content.Headers.ContentLength);
        Assert.Empty(await headResponse.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("v2/master.m3u8")]
    [InlineData("v1/..%2F..%2Fmarquee.db")]
    [InlineData("v1/%2e%2e/%2e%2e/%2e%2e/marquee.db")]
    [InlineData("v1/trickplay/..%5c..%5cmaster.m3u8")]
    [InlineData("v1/nothing-here.m4s")]
    public async Task Unpublished_missing_or_traversing_paths_are_not_found(string tail)
    {
        var asset = Prefix.Split('/')[2];

        // Send the path exactly as written: HttpClient would otherwise resolve %2e%2e itself.
        var raw = new Uri($"{fixture.Server.Address.ToString().TrimEnd('/')}/media/{asset}/{tail}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var response = await Http.GetAsync(raw);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
