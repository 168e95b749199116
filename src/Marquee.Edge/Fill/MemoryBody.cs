using Marquee.Edge.Caching;

namespace Marquee.Edge.Fill;

/// <summary>
/// A body of known length small enough to hold (segments, playlists): one array of exactly that size, which
/// readers send from without a copy of their own and which then becomes the hot tier's copy without another.
/// The same bytes go to the cache file as they arrive; a failing cache write only stops that.
/// </summary>
internal sealed class MemoryBody : FillBody
{
    /// <summary>
    /// The largest body kept in memory while it fills. A 4-second segment of the ladder's top rung at its peak rate
    /// (2160p60, 36 Mb/s) is about 18 MB, 27 MB for the widest pictures, so every segment and playlist fits; and 32 MiB is the hot tier's own
    /// per-object limit at its default size (256 MiB ÷ 8), so every array it could adopt from a fill is made
    /// here. Larger bodies are downloads and previews, which stream through the cache file.
    /// </summary>
    public const long Limit = 32L * 1024 * 1024;

    private readonly byte[] array;
    private readonly DiskTier disk;
    private CacheFileWriter? writer;

    public MemoryBody(long length, CacheFileWriter? writer, DiskTier disk)
        : base(length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Limit);
        array = GC.AllocateUninitializedArray<byte>((int)length);
        this.writer = writer;
        this.disk = disk;
    }

    /// <summary>The body's own array: whole once the fill is complete.</summary>
    public byte[] Array => array;

    public override bool KeepsWhole => true;

    public override bool HasWhole => true;

    public override bool IsCaching => writer is not null;

    public override CacheFileWriter? CacheWriter => writer;

    public override ValueTask<Memory<byte>> GetWriteMemoryAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(array.AsMemory((int)Length));

    public override async ValueTask AdvanceAsync(int count, CancellationToken cancellationToken)
    {
        var start = (int)Length;
        // Readers first: the cache file can wait, a viewer should not.
        Publish(count);
        if (writer is null)
        {
            return;
        }

        try
        {
            await writer.WriteAsync(array.AsMemory(start, count), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            writer.Abandon();
            writer = null;
            disk.WriteFailed(e);
        }
    }

    public override ValueTask<ReadOnlyMemory<byte>> ReadAsync(FillReader reader, long offset, int maxBytes, CancellationToken cancellationToken)
    {
        var available = Length - offset;
        return ValueTask.FromResult<ReadOnlyMemory<byte>>(available <= 0 || maxBytes <= 0
            ? ReadOnlyMemory<byte>.Empty
            : array.AsMemory((int)offset, (int)Math.Min(available, maxBytes)));
    }

    public override ValueTask<byte[]> ToArrayAsync(FillReader reader, CancellationToken cancellationToken) => ValueTask.FromResult(array);
}
