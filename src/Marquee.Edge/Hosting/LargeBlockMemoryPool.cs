using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Marquee.Edge.Hosting;

/// <summary>
/// Kestrel's connection buffers in 128 KiB blocks instead of its default 4 KiB. An edge mostly writes large
/// bodies, and Kestrel copies every response into its pipe one block at a time: at 4 KiB, renting, linking and
/// returning blocks took as much CPU as the copy itself (perf on bench/edge: about 0.6 → 0.4 CPU-seconds per
/// GB sent). Blocks live on the pinned object heap, as Kestrel's own do, so sockets need not pin them; a
/// bounded number are kept for reuse.
/// </summary>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 128 * 1024;

    // 2048 × 128 KiB = 256 MiB at most kept idle, reached only after that many were in use at once.
    private const int MaxRetained = 2048;

    private readonly ConcurrentQueue<Block> free = new();
    private int retained;
    private bool disposed;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref retained);
            block.Lease();
            return block;
        }

        return new Block(this);
    }

    protected override void Dispose(bool disposing)
    {
        disposed = true;
        free.Clear();
    }

    private void Return(Block block)
    {
        if (!Volatile.Read(ref disposed) && Interlocked.Increment(ref retained) <= MaxRetained)
        {
            free.Enqueue(block);
        }
        else
        {
            Interlocked.Decrement(ref retained);
        }
    }

    private sealed class Block(LargeBlockMemoryPool pool) : IMemoryOwner<byte>
    {
        private readonly byte[] array = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
        private int leased = 1;

        public Memory<byte> Memory => array;

        public void Lease() => Volatile.Write(ref leased, 1);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref leased, 0) == 1)
            {
                pool.Return(this);
            }
        }
    }

    /// <summary>Registered in place of Kestrel's default factory; every pool it makes shares nothing with the others.</summary>
    internal sealed class Factory : IMemoryPoolFactory<byte>
    {
        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
    }
}
