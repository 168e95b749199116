using System.Buffers;

namespace Marquee.Edge.Fill;

/// <summary>
/// One request's place in a fill: where it is reading (so a bounded window keeps those bytes until it has sent
/// them), a buffer for bytes it reads from the cache file, and its share in keeping the body alive. Disposing it
/// leaves the fill; the last to leave releases the body.
/// </summary>
internal sealed class FillReader : IDisposable
{
    /// <summary>Joined, not reading yet: holds the window at its start, since it may want the first byte.</summary>
    internal const long Pending = -1;

    /// <summary>Waiting for the end before reading anything: holds nothing back.</summary>
    internal const long Aside = long.MaxValue;

    private const int ScratchBytes = 128 * 1024;

    private readonly FillReaders readers;
    private long position = Pending;
    private byte[]? scratch;
    private int disposed;

    internal FillReader(ObjectFill fill, FillReaders readers)
    {
        Fill = fill;
        this.readers = readers;
    }

    public ObjectFill Fill { get; }

    /// <summary>The next byte this reader needs, or <see cref="Pending"/> or <see cref="Aside"/>.</summary>
    public long Position => Volatile.Read(ref position);

    /// <summary>For a read from the cache file: rented on first use, returned when the reader leaves.</summary>
    internal Memory<byte> Scratch => scratch ??= ArrayPool<byte>.Shared.Rent(ScratchBytes);

    /// <summary>Waits for the whole body before reading (see <see cref="FillBody.KeepsWhole"/>); the fill need not wait for it.</summary>
    public void StandAside() => Interlocked.Exchange(ref position, Aside);

    /// <summary>Has sent everything before <paramref name="offset"/> and needs the bytes from there.</summary>
    public void MoveTo(long offset)
    {
        // A full fence between this store and the fill's check for a waiter (see FillReaders.Moved).
        Interlocked.Exchange(ref position, offset);
        readers.Moved();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        readers.Remove(this);
        if (scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(scratch);
            scratch = null;
        }
    }
}
