using Marquee.Origin.Uploads;
using Marquee.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Origin.Tests.Uploads;

/// <summary>The store on its own, where expiry and locking can be stepped through without a sweep running in the background.</summary>
public sealed class UploadStoreTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();
    private readonly string _folder = TestPaths.NewScratchFolder("upload-store");
    private readonly FakeTimeProvider _time = new(UploadTestServer.Start);
    private readonly UploadStore _store;

    public UploadStoreTests() =>
        _store = new UploadStore(
            Options.Create(new UploadOptions { Folder = _folder, AdminKey = "k" }), _time, NullLogger<UploadStore>.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_expired_upload_is_missing_at_once_though_its_files_wait_for_the_sweep()
    {
        var id = await CreateAsync();

        _time.Advance(TimeSpan.FromHours(24));

        Assert.Null(await _store.FindAsync(id, Ct));
        Assert.True(File.Exists(_store.BinPath(id)));
    }

    [Fact]
    public async Task The_sweep_deletes_expired_uploads_and_debris_but_not_live_or_busy_ones()
    {
        var expired = await CreateAsync();
        var busy = await CreateAsync();
        _time.Advance(TimeSpan.FromHours(23));
        var live = await CreateAsync();
        _time.Advance(TimeSpan.FromHours(2));
        var debris = UploadId.New();
        await File.WriteAllBytesAsync(_store.BinPath(debris), [1, 2, 3], Ct);
        var unrelated = Path.Combine(_folder, "README.txt");
        await File.WriteAllTextAsync(unrelated, "not an upload", Ct);

        using (var lease = await _store.TryLockAsync(busy, TimeSpan.Zero, Ct))
        {
            Assert.NotNull(lease);
            Assert.Equal(2, await _store.DeleteExpiredAsync(Ct));
        }

        Assert.False(File.Exists(_store.BinPath(expired)));
        Assert.False(File.Exists(_store.BinPath(debris)));
        Assert.True(File.Exists(_store.BinPath(busy)));
        Assert.True(File.Exists(_store.BinPath(live)));
        Assert.True(File.Exists(unrelated));

        Assert.Equal(1, await _store.DeleteExpiredAsync(Ct));
        Assert.NotNull(await _store.FindAsync(live, Ct));
    }

    [Fact]
    public async Task A_lease_excludes_others_until_disposed()
    {
        var first = await _store.TryLockAsync("0123456789abcdef0123456789abcdef", TimeSpan.Zero, Ct);
        Assert.NotNull(first);
        Assert.Null(await _store.TryLockAsync("0123456789abcdef0123456789abcdef", TimeSpan.FromMilliseconds(20), Ct));
        using (var other = await _store.TryLockAsync("fedcba9876543210fedcba9876543210", TimeSpan.Zero, Ct))
        {
            Assert.NotNull(other);
        }

        var waiting = _store.TryLockAsync("0123456789abcdef0123456789abcdef", TimeSpan.FromSeconds(10), Ct);
        first.Dispose();
        first.Dispose();
        using var second = await waiting;
        Assert.NotNull(second);
    }

    private async Task<string> CreateAsync()
    {
        var (record, lease) = await _store.CreateAsync(100, NoMetadata, Ct);
        lease.Dispose();
        return record.Id;
    }
}
