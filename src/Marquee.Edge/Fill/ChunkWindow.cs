using System.Buffers;

namespace Marquee.Edge.Fill;

/// <summary>
/// The most recent bytes of a body that is not kept whole (it cannot be cached, or its cache file broke): a
/// ring of pooled chunks from <see cref="Start"/> on. The fill overwrites a chunk only once every reader has
/// sent it, so it goes at the pace of the slowest reader and memory stays at <see cref="Capacity"/> whatever
/// the body's size; a reader that leaves stops holding it back, and with no reader the fill never waits.
/// Once it has overwritten its first chunk, nobody new may join (they could not get the start); until then a
/// body that fits is still whole, so a short one can be waited for and read at the end.
/// </summary>
internal sealed class ChunkWindow
{
    // 8 × 128 KiB = 1 MiB per fill: several slices of slack between the fastest and the slowest reader, so the
    // fill rarely stalls on readers that keep up, at a cost per uncached fill that a thousand of them at once
    // can afford (one fill per object however many viewers it has). Uncached playlists, whose fills must be
    // whole to be rewritten, are far smaller.
    public const int ChunkBytes = 128 * 1024;
    public const int Chunks = 8;
    public const long Capacity = (long)ChunkBytes * Chunks;

    private readonly byte[]?[] chunks = new byte[Chunks][];
    private readonly FillReaders readers;

    // Under readers.Gate for writes: the first byte still held.
    private long heldFrom;

    public ChunkWindow(long start, FillReaders readers)
    {
        Start = start;
        heldFrom = start;
        this.readers = readers;
    }

    /// <summary>The body offset of the window's first byte: 0, or where the cache file stopped.</summary>
    public long Start { get; }

    /// <summary>Whether the window still holds everything from <see cref="Start"/>.</summary>
    public bool HoldsStart => Volatile.Read(ref heldFrom) == Start;

    /// <summary>
    /// Writer only: room for the bytes at <paramref name="offset"/> (the body's length so far), up to the end
    /// of their chunk, once the chunk it must overwrite has been sent by every reader.
    /// </summary>
    public async ValueTask<Memory<byte>> GetWriteMemoryAsync(long offset, CancellationToken cancellationToken)
    {
        var relative = offset - Start;
        var within = (int)(relative % ChunkBytes);
        var index = (int)(relative / ChunkBytes % Chunks);
        if (within == 0 && relative >= Capacity)
        {
            // The chunk about to be overwritten holds [need - ChunkBytes, need).
            var need = offset - Capacity + ChunkBytes;
            while (true)
            {
                var moved = readers.NextMove();
                lock (readers.Gate)
                {
                    if (readers.SlowestPosition(Start) >= need)
                    {
                        Volatile.Write(ref heldFrom, need);
                        readers.CloseToNewReaders();
                        break;
                    }
                }

                await moved.WaitAsync(cancellationToken);
            }
        }

        var chunk = chunks[index] ??= ArrayPool<byte>.Shared.Rent(ChunkBytes);
        return chunk.AsMemory(within, ChunkBytes - within);
    }

    /// <summary>Up to <paramref name="maxBytes"/> of the bytes from <paramref name="offset"/> to <paramref name="end"/>, within one chunk.</summary>
    public ReadOnlyMemory<byte> Read(long offset, long end, int maxBytes)
    {
        var relative = offset - Start;
        var within = (int)(relative % ChunkBytes);
        var index = (int)(relative / ChunkBytes % Chunks);
        var count = (int)Math.Min(Math.Min(end - offset, maxBytes), ChunkBytes - within);
        return chunks[index]!.AsMemory(within, count);
    }

    /// <summary>When nobody reads any more: the chunks go back to the pool.</summary>
    public void Release()
    {
        for (var i = 0; i < chunks.Length; i++)
        {
            if (chunks[i] is { } chunk)
            {
                ArrayPool<byte>.Shared.Return(chunk);
                chunks[i] = null;
            }
        }
    }
}
