using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Marquee.Media.Storage;
using Marquee.TestSupport;

namespace Marquee.Media.Tests.Storage;

/// <summary>The contract and the S3-specific behaviour, against s3rver speaking the real protocol over HTTP.</summary>
public sealed class S3ObjectStoreTests : ObjectStoreContractTests, IClassFixture<S3rverFixture>, IDisposable
{
    private readonly S3rverFixture _fixture;
    private readonly string _keyPrefix = $"test-{Guid.NewGuid():N}";
    private readonly S3ObjectStore _store;

    public S3ObjectStoreTests(S3rverFixture fixture)
    {
        _fixture = fixture;
        _store = new S3ObjectStore(Options(_keyPrefix));
    }

    protected override IObjectStore Store => _store;

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Listing_and_deleting_cross_page_boundaries()
    {
        using var client = new AmazonS3Client(new BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.SecretKey), S3ObjectStore.CreateConfig(Options(_keyPrefix)));
        using var paged = new S3ObjectStore(client, ownsClient: false, _fixture.Server.Bucket, _keyPrefix) { PageSize = 2 };
        var keys = Enumerable.Range(0, 7).Select(i => $"media/p/seg-{i:D3}.m4s").ToList();
        foreach (var key in keys.AsEnumerable().Reverse())
        {
            await paged.PutAsync(key, Text(key), "video/iso.segment", Ct);
        }

        await paged.PutAsync("media/q/keep.m4s", Text("keep"), "video/iso.segment", Ct);

        Assert.Equal(keys, await ToListAsync(paged.ListAsync("media/p/", Ct)));
        await paged.DeletePrefixAsync("media/p/", Ct);
        Assert.Equal(["media/q/keep.m4s"], await ToListAsync(paged.ListAsync("", Ct)));
    }

    [Fact]
    public async Task Key_prefixes_keep_installations_apart()
    {
        using var other = new S3ObjectStore(Options(_keyPrefix + "-other/"));
        await _store.PutAsync("media/a/x.m4s", Text("mine"), "video/iso.segment", Ct);
        await other.PutAsync("media/a/y.m4s", Text("theirs"), "video/iso.segment", Ct);

        Assert.Equal(["media/a/x.m4s"], await ListAsync(""));
        Assert.Null(await _store.HeadAsync("media/a/y.m4s", Ct));

        await _store.DeletePrefixAsync("", Ct);
        Assert.NotNull(await other.HeadAsync("media/a/y.m4s", Ct));
    }

    [Fact]
    public async Task The_stream_fetches_lazily_and_only_after_a_real_seek()
    {
        var body = RandomBytes(500_000, seed: 9);
        await _store.PutAsync("media/a/video.mp4", new MemoryStream(body), "video/mp4", Ct);

        await using var opened = await _store.OpenReadAsync("media/a/video.mp4", Ct);
        var stream = Assert.IsType<S3RangeReadStream>(opened!.Content);
        Assert.Equal(0, stream.Requests);

        // ASP.NET seeks to 0 before sending a whole object; that must not cost a second GET.
        stream.Seek(0, SeekOrigin.Begin);
        var start = new byte[1000];
        await stream.ReadExactlyAsync(start, Ct);
        stream.Position = 1000;
        await stream.ReadExactlyAsync(new byte[1000], Ct);
        Assert.Equal(1, stream.Requests);

        stream.Position = 400_000;
        var tail = new byte[100_000];
        await stream.ReadExactlyAsync(tail, Ct);
        Assert.Equal(2, stream.Requests);
        Assert.True(body.AsSpan(400_000).SequenceEqual(tail));
        Assert.True(body.AsSpan(0, 1000).SequenceEqual(start));
    }

    [Fact]
    public async Task An_object_replaced_while_being_read_fails_instead_of_mixing_versions()
    {
        await _store.PutAsync("media/a/video.mp4", new MemoryStream(RandomBytes(200_000, seed: 10)), "video/mp4", Ct);
        await using var opened = await _store.OpenReadAsync("media/a/video.mp4", Ct);
        await opened!.Content.ReadExactlyAsync(new byte[1000], Ct);

        await _store.PutAsync("media/a/video.mp4", new MemoryStream(RandomBytes(200_000, seed: 11)), "video/mp4", Ct);
        opened.Content.Position = 100_000;

        await Assert.ThrowsAsync<IOException>(async () => await opened.Content.ReadExactlyAsync(new byte[1000], Ct));
    }

    [Fact]
    public async Task Synchronous_reads_work_for_callers_that_need_them()
    {
        await _store.PutAsync("media/a/sub.vtt", Text("WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n"), "text/vtt; charset=utf-8", Ct);

        await using var opened = await _store.OpenReadAsync("media/a/sub.vtt", Ct);
        using var reader = new StreamReader(opened!.Content, Encoding.UTF8);

        Assert.Equal("WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n", reader.ReadToEnd());
        Assert.Equal("text/vtt; charset=utf-8", opened.Info.ContentType);
    }

    private S3StorageOptions Options(string keyPrefix) => new()
    {
        ServiceUrl = _fixture.Server.ServiceUrl,
        Bucket = _fixture.Server.Bucket,
        AccessKey = S3rverServer.AccessKey,
        SecretKey = S3rverServer.SecretKey,
        ForcePathStyle = true,
        KeyPrefix = keyPrefix,
    };

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> keys)
    {
        var list = new List<string>();
        await foreach (var key in keys)
        {
            list.Add(key);
        }

        return list;
    }
}
