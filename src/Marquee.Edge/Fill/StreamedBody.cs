using System.Buffers;
using Marquee.Edge.Caching;
using Microsoft.Win32.SafeHandles;

namespace Marquee.Edge.Fill;

/// <summary>
/// A body too large to hold, or of unknown length: it streams through the temporary cache file, and every
/// reader (the first included) reads the published part at its own offset, so memory does not grow with the
/// body. The file handle stays open for readers after the file is published (renamed) or deleted, until the
/// last reader is done. Without a cache file (not storable, larger than the budget, a disk that refused it) or
/// once a cache write fails half-way, the rest goes through a bounded <see cref="ChunkWindow"/> instead.
/// </summary>
internal sealed class StreamedBody : FillBody
{
    // The fill reads the upstream into this before writing it to the file: large enough for few system calls.
    private const int StagingBytes = 128 * 1024;

    private readonly DiskTier disk;
    private readonly FillReaders readers;
    private readonly CacheFileWriter? fileOwner;
    private readonly SafeFileHandle? file;
    private CacheFileWriter? writer;
    private byte[]? staging;
    private ChunkWindow? window;

    // Bytes that are in the file: all of them while it is written, up to where it failed after that.
    private long fileEnd = long.MaxValue;

    public StreamedBody(long expectedLength, CacheFileWriter? writer, DiskTier disk, FillReaders readers)
        : base(expectedLength)
    {
        this.disk = disk;
        this.readers = readers;
        if (writer is null)
        {
            fileEnd = 0;
            window = new ChunkWindow(0, readers);
            return;
        }

        this.writer = writer;
        // The readers' own reference: the file stays readable whatever happens to its name.
        writer.Retain();
        fileOwner = writer;
        file = writer.Handle;
        staging = ArrayPool<byte>.Shared.Rent(StagingBytes);
    }

    public override bool KeepsWhole => Volatile.Read(ref window) is null;

    public override bool HasWhole => Volatile.Read(ref window) is not { } w || w.HoldsStart;

    public override bool IsCaching => writer is not null;

    public override CacheFileWriter? CacheWriter => writer;

    public override ValueTask<Memory<byte>> GetWriteMemoryAsync(CancellationToken cancellationToken) =>
        writer is not null ? ValueTask.FromResult(staging.AsMemory()) : window!.GetWriteMemoryAsync(Length, cancellationToken);

    public override async ValueTask AdvanceAsync(int count, CancellationToken cancellationToken)
    {
        if (writer is null)
        {
            Publish(count);
            return;
        }

        if (Length + count > disk.MaxBodyBytes)
        {
            // A body of unknown length that the cache would refuse anyway: no point filling the disk with it.
            disk.TooLarge();
            StopWritingFile();
        }
        else
        {
            try
            {
                await writer.WriteAsync(staging.AsMemory(0, count), cancellationToken);
                Publish(count);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                disk.WriteFailed(e);
                StopWritingFile();
            }
        }

        for (var copied = 0; copied < count;)
        {
            var room = await window!.GetWriteMemoryAsync(Length, cancellationToken);
            var part = Math.Min(room.Length, count - copied);
            staging.AsMemory(copied, part).CopyTo(room);
            Publish(part);
            copied += part;
        }
    }

    public override async ValueTask<ReadOnlyMemory<byte>> ReadAsync(FillReader reader, long offset, int maxBytes, CancellationToken cancellationToken)
    {
        var published = Length;
        if (offset >= published || maxBytes <= 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var inFile = Volatile.Read(ref fileEnd);
        if (offset >= inFile)
        {
            return Volatile.Read(ref window)!.Read(offset, published, maxBytes);
        }

        var scratch = reader.Scratch;
        var want = (int)Math.Min(Math.Min(published, inFile) - offset, Math.Min(maxBytes, scratch.Length));
        var read = await RandomAccess.ReadAsync(file!, scratch[..want], CacheFile.HeaderBytes + offset, cancellationToken);
        if (read == 0)
        {
            throw new IOException("The cache file being filled ended before the bytes written to it.");
        }

        return scratch[..read];
    }

    public override void Release()
    {
        window?.Release();
        if (staging is not null)
        {
            ArrayPool<byte>.Shared.Return(staging);
            staging = null;
        }

        // The writer's own reference went with Seal or Abandon; this is the readers'.
        fileOwner?.Release();
    }

    /// <summary>Readers keep the handle, so what is in the file stays readable; the rest passes through a window.</summary>
    private void StopWritingFile()
    {
        writer!.Abandon();
        writer = null;
        // The window first: a reader that sees the file end where it now does must find the window there.
        Volatile.Write(ref window, new ChunkWindow(Length, readers));
        Volatile.Write(ref fileEnd, Length);
    }
}
