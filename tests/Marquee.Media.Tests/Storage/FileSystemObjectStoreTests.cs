using Marquee.Media.Storage;
using Marquee.TestSupport;

namespace Marquee.Media.Tests.Storage;

public sealed class FileSystemObjectStoreTests : ObjectStoreContractTests, IDisposable
{
    private readonly string _root = TestPaths.NewScratchFolder("fs-store");
    private readonly FileSystemObjectStore _store;

    public FileSystemObjectStoreTests() => _store = new FileSystemObjectStore(_root);

    protected override IObjectStore Store => _store;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Put_leaves_no_temporary_file_behind()
    {
        await _store.PutAsync("media/a1/v1/seg-1.m4s", new MemoryStream(RandomBytes(200_000, seed: 1)), "video/iso.segment", Ct);
        await _store.PutAsync("media/a1/v1/seg-1.m4s", new ForwardOnlyStream(RandomBytes(100_000, seed: 2)), "video/iso.segment", Ct);

        Assert.Equal([Path.Combine(_root, "media", "a1", "v1", "seg-1.m4s")], AllFiles());
    }

    [Fact]
    public async Task A_put_whose_source_fails_halfway_keeps_the_old_object()
    {
        var old = RandomBytes(50_000, seed: 3);
        await _store.PutAsync("media/a1/v1/video.mp4", new MemoryStream(old), "video/mp4", Ct);
        var before = await _store.HeadAsync("media/a1/v1/video.mp4", Ct);

        var failing = new ForwardOnlyStream(RandomBytes(400_000, seed: 4), failAfter: 200_000);
        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync("media/a1/v1/video.mp4", failing, "video/mp4", Ct));

        Assert.Equal(before, await _store.HeadAsync("media/a1/v1/video.mp4", Ct));
        await using (var opened = await _store.OpenReadAsync("media/a1/v1/video.mp4", Ct))
        {
            Assert.Equal(old, await ReadToEndAsync(opened!.Content));
        }

        // A new key whose first put fails does not exist afterwards, and no temporary file is left anywhere.
        var failingNew = new ForwardOnlyStream(RandomBytes(400_000, seed: 5), failAfter: 100_000);
        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync("media/a1/v1/other.mp4", failingNew, "video/mp4", Ct));
        Assert.Null(await _store.HeadAsync("media/a1/v1/other.mp4", Ct));
        Assert.Equal([Path.Combine(_root, "media", "a1", "v1", "video.mp4")], AllFiles());
    }

    [Fact]
    public async Task A_reader_keeps_the_version_it_opened_while_the_object_is_replaced_or_deleted()
    {
        var old = RandomBytes(300_000, seed: 6);
        await _store.PutAsync("media/a1/v1/video.mp4", new MemoryStream(old), "video/mp4", Ct);
        await using var opened = await _store.OpenReadAsync("media/a1/v1/video.mp4", Ct);
        var start = new byte[1000];
        await opened!.Content.ReadExactlyAsync(start, Ct);

        await _store.PutAsync("media/a1/v1/video.mp4", new MemoryStream(RandomBytes(100_000, seed: 7)), "video/mp4", Ct);
        await _store.DeletePrefixAsync("media/", Ct);

        opened.Content.Position = 0;
        Assert.Equal(old, await ReadToEndAsync(opened.Content));
        Assert.Null(await _store.HeadAsync("media/a1/v1/video.mp4", Ct));
    }

    [Fact]
    public async Task An_upload_in_progress_is_not_listed()
    {
        await _store.PutAsync("media/a1/v1/done.m4s", Text("done"), "video/iso.segment", Ct);

        // What a concurrent PutAsync has on disk before its rename: a temporary file beside the objects.
        var folder = Path.Combine(_root, "media", "a1", "v1");
        await File.WriteAllTextAsync(Path.Combine(folder, ".~tmp-" + Guid.NewGuid().ToString("N")), "partial", Ct);

        Assert.Equal(["media/a1/v1/done.m4s"], await ListAsync("media/"));
    }

    [Fact]
    public async Task Keys_starting_with_a_dot_are_ordinary_objects()
    {
        // On Unix such files count as hidden, which directory enumeration skips unless told otherwise.
        await _store.PutAsync("media/.well-known/x.json", Text("{}"), "application/json", Ct);

        Assert.Equal(["media/.well-known/x.json"], await ListAsync("media/"));
    }

    [Fact]
    public async Task DeletePrefix_removes_the_folders_it_empties()
    {
        await _store.PutAsync("media/a1/v1/hls/seg-1.m4s", Text("1"), "video/iso.segment", Ct);
        await _store.PutAsync("media/a1/v2/seg-1.m4s", Text("2"), "video/iso.segment", Ct);
        await _store.PutAsync("media/b1/v1/seg-1.m4s", Text("3"), "video/iso.segment", Ct);

        await _store.DeletePrefixAsync("media/a1/", Ct);
        Assert.False(Directory.Exists(Path.Combine(_root, "media", "a1")));
        Assert.True(Directory.Exists(Path.Combine(_root, "media", "b1", "v1")));

        await _store.DeletePrefixAsync("", Ct);
        Assert.True(Directory.Exists(_root));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public async Task The_etag_is_derived_from_length_and_write_time()
    {
        await _store.PutAsync("media/a1/poster.jpg", Text("jpeg"), "image/jpeg", Ct);
        var file = new FileInfo(Path.Combine(_root, "media", "a1", "poster.jpg"));

        var head = await _store.HeadAsync("media/a1/poster.jpg", Ct);

        Assert.Equal($"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"", head!.ETag);
        Assert.Equal(new DateTimeOffset(file.LastWriteTimeUtc), head.LastModified);
        Assert.Equal("image/jpeg", head.ContentType);
    }

    private string[] AllFiles() => Directory.GetFiles(_root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 });
}
