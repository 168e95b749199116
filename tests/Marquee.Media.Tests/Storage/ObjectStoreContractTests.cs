using System.Text;
using Marquee.Media.Storage;

namespace Marquee.Media.Tests.Storage;

/// <summary>
/// What every <see cref="IObjectStore"/> must do, run once per implementation by the sealed subclasses.
/// Each test gets a store of its own, so the tests can run in any order and in parallel.
/// </summary>
public abstract class ObjectStoreContractTests
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract IObjectStore Store { get; }

    [Fact]
    public async Task Put_then_open_round_trips_bytes_and_content_type()
    {
        var body = Encoding.UTF8.GetBytes("#EXTM3U\n#EXT-X-VERSION:7\n");
        await Store.PutAsync("media/a1/v1/master.m3u8", new MemoryStream(body), "application/vnd.apple.mpegurl", Ct);

        var head = await Store.HeadAsync("media/a1/v1/master.m3u8", Ct);
        Assert.NotNull(head);
        Assert.Equal("media/a1/v1/master.m3u8", head.Key);
        Assert.Equal(body.Length, head.Length);
        Assert.Equal("application/vnd.apple.mpegurl", head.ContentType);
        Assert.Matches("^\"[^\"]+\"$", head.ETag);
        Assert.InRange(head.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));

        await using var opened = await Store.OpenReadAsync("media/a1/v1/master.m3u8", Ct);
        Assert.NotNull(opened);
        Assert.Equal(head, opened.Info);
        Assert.Equal(body, await ReadToEndAsync(opened.Content));
    }

    [Fact]
    public async Task Put_from_a_forward_only_stream_stores_every_byte()
    {
        var body = RandomBytes(300_000, seed: 7);
        await Store.PutAsync("media/a1/v1/init.mp4", new ForwardOnlyStream(body), "video/mp4", Ct);

        await using var opened = await Store.OpenReadAsync("media/a1/v1/init.mp4", Ct);
        Assert.NotNull(opened);
        Assert.Equal("video/mp4", opened.Info.ContentType);
        Assert.Equal(body, await ReadToEndAsync(opened.Content));
    }

    [Fact]
    public async Task Put_replaces_the_object_and_its_etag()
    {
        const string Key = "media/a1/v1/manifest.json";
        await Store.PutAsync(Key, Text("{\"v\":1}"), "application/json", Ct);
        var first = await Store.HeadAsync(Key, Ct);

        // Same length, different bytes, straight after: the ETag must still change.
        await Store.PutAsync(Key, Text("{\"v\":2}"), "application/json", Ct);
        var second = await Store.HeadAsync(Key, Ct);
        await Store.PutAsync(Key, Text("{\"version\":3}"), "application/json", Ct);
        var third = await Store.HeadAsync(Key, Ct);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotNull(third);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.NotEqual(second.ETag, third.ETag);
        Assert.Equal(13, third.Length);
        await using var opened = await Store.OpenReadAsync(Key, Ct);
        Assert.Equal("{\"version\":3}", Encoding.UTF8.GetString(await ReadToEndAsync(opened!.Content)));
        Assert.Equal(["media/a1/v1/manifest.json"], await ListAsync("media/"));
    }

    [Fact]
    public async Task Head_of_a_missing_key_is_null()
    {
        await Store.PutAsync("media/a1/v1/present.m4s", Text("x"), "video/iso.segment", Ct);

        Assert.Null(await Store.HeadAsync("media/a1/v1/absent.m4s", Ct));
        Assert.Null(await Store.HeadAsync("media/nothing-here/x.m4s", Ct));
    }

    [Fact]
    public async Task Open_of_a_missing_key_is_null()
    {
        await Store.PutAsync("media/a1/v1/present.m4s", Text("x"), "video/iso.segment", Ct);

        Assert.Null(await Store.OpenReadAsync("media/a1/v1/absent.m4s", Ct));
        Assert.Null(await Store.OpenReadAsync("media/nothing-here/x.m4s", Ct));

        // A folder-like prefix of an existing key is not an object either.
        Assert.Null(await Store.OpenReadAsync("media/a1/v1", Ct));
    }

    [Fact]
    public async Task Opened_stream_seeks_backwards_and_forwards_in_a_large_object()
    {
        const int Size = 3 * 1024 * 1024 + 17;
        var body = RandomBytes(Size, seed: 42);
        await Store.PutAsync("media/a1/v1/video.mp4", new MemoryStream(body), "video/mp4", Ct);

        await using var opened = await Store.OpenReadAsync("media/a1/v1/video.mp4", Ct);
        Assert.NotNull(opened);
        var stream = opened.Content;
        Assert.True(stream.CanSeek);
        Assert.True(stream.CanRead);
        Assert.Equal(Size, stream.Length);

        // As range requests would: middle, back to the start, near the end, back into the middle, the tail.
        foreach (var (position, count) in new (long, int)[]
        {
            (1_500_000, 200_000), (10, 1_000), (Size - 70_000, 50_000), (1_000_000, 300_000),
            (2_999_999, 1), (Size - 5, 5), (0, 65_536),
        })
        {
            stream.Seek(position, SeekOrigin.Begin);
            Assert.Equal(position, stream.Position);
            var read = await ReadExactlyAsync(stream, count);
            Assert.True(body.AsSpan((int)position, count).SequenceEqual(read), $"bytes differ at {position}+{count}");
            Assert.Equal(position + count, stream.Position);
        }

        // Relative seeks and the Position setter land in the same places.
        stream.Position = 2_000_000;
        stream.Seek(-1_000, SeekOrigin.Current);
        var around = await ReadExactlyAsync(stream, 4_000);
        Assert.True(body.AsSpan(1_999_000, 4_000).SequenceEqual(around));
        stream.Seek(-100, SeekOrigin.End);
        var tail = await ReadToEndAsync(stream);
        Assert.True(body.AsSpan(Size - 100).SequenceEqual(tail));
        Assert.Equal(0, await stream.ReadAsync(new byte[10], Ct));

        stream.Seek(0, SeekOrigin.Begin);
        Assert.Equal(body, await ReadToEndAsync(stream));
    }

    [Fact]
    public async Task List_returns_keys_under_the_prefix_in_ordinal_order()
    {
        string[] keys =
        [
            "media/x/b.m4s", "media/x/sub/z.m4s", "media/x/a.m4s", "media/x/B.m4s", "media/x/a-1.m4s",
            "media/x/a_1.m4s", "media/xy/other.m4s", "other/x.m4s", "media/x/sub/a.m4s",
        ];
        foreach (var key in keys)
        {
            await Store.PutAsync(key, Text(key), "video/iso.segment", Ct);
        }

        Assert.Equal(
            ["media/x/B.m4s", "media/x/a-1.m4s", "media/x/a.m4s", "media/x/a_1.m4s", "media/x/b.m4s", "media/x/sub/a.m4s", "media/x/sub/z.m4s"],
            await ListAsync("media/x/"));
        Assert.Equal(["media/x/a-1.m4s", "media/x/a.m4s", "media/x/a_1.m4s"], await ListAsync("media/x/a"));
        Assert.Equal(["media/xy/other.m4s"], await ListAsync("media/xy"));
        Assert.Equal(keys.Order(StringComparer.Ordinal), await ListAsync(""));
        Assert.Empty(await ListAsync("media/none/"));
    }

    [Fact]
    public async Task DeletePrefix_removes_that_prefix_and_nothing_else()
    {
        foreach (var key in new[] { "media/a/1/x.m4s", "media/a/2/deep/y.m4s", "media/a/master.m3u8", "media/ab/z.m4s", "media/b/a/w.m4s" })
        {
            await Store.PutAsync(key, Text(key), ContentTypes.ForKey(key), Ct);
        }

        await Store.DeletePrefixAsync("media/a/", Ct);

        Assert.Equal(["media/ab/z.m4s", "media/b/a/w.m4s"], await ListAsync(""));
        Assert.Null(await Store.HeadAsync("media/a/1/x.m4s", Ct));
        Assert.Null(await Store.OpenReadAsync("media/a/master.m3u8", Ct));
        Assert.NotNull(await Store.HeadAsync("media/ab/z.m4s", Ct));

        // Nothing there is not an error, and a deleted key can be written again.
        await Store.DeletePrefixAsync("media/a/", Ct);
        await Store.DeletePrefixAsync("never/written/", Ct);
        await Store.PutAsync("media/a/1/x.m4s", Text("again"), "video/iso.segment", Ct);
        Assert.Equal(["media/a/1/x.m4s"], await ListAsync("media/a/"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/abs")]
    [InlineData("a//b")]
    [InlineData("a/../../etc/passwd")]
    [InlineData("a\\b")]
    [InlineData("")]
    public async Task Invalid_keys_are_refused(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(key, Text("x"), "text/plain", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.HeadAsync(key, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(key, Ct));
        if (key.Length > 0)
        {
            await Assert.ThrowsAsync<ArgumentException>(() => ListAsync(key));
            await Assert.ThrowsAsync<ArgumentException>(() => Store.DeletePrefixAsync(key, Ct));
        }
    }

    protected async Task<List<string>> ListAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in Store.ListAsync(prefix, Ct))
        {
            keys.Add(key);
        }

        return keys;
    }

    protected static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    protected static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, Ct);
        return buffer;
    }
}
