namespace Marquee.Edge.Fill;

/// <summary>
/// The body of one fill as it arrives, shared by every request waiting on it: one writer (the fill) appends,
/// any number of readers stream what is there and wait for more. Bytes, once published through
/// <see cref="Length"/>, never move or change, so readers need no lock. With a known length the body is one
/// array of exactly that size, which then becomes the hot tier's copy without another copy.
/// </summary>
internal sealed class FillBuffer
{
    // Above this a known-length body is kept in chunks: one array cannot exceed 2 GiB anyway.
    private const long SingleArrayLimit = 1L << 30;
    private const int ChunkBytes = 256 * 1024;

    private readonly long expectedLength;
    private readonly int chunkSize;
    private byte[][] chunks;
    private long length;
    private int state;
    private Exception? failure;
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FillBuffer(long expectedLength)
    {
        this.expectedLength = expectedLength;
        if (expectedLength is >= 0 and <= SingleArrayLimit)
        {
            chunkSize = (int)Math.Max(expectedLength, 1);
            chunks = [GC.AllocateUninitializedArray<byte>((int)expectedLength)];
        }
        else
        {
            chunkSize = ChunkBytes;
            chunks = [];
        }
    }

    /// <summary>-1 when the upstream did not say.</summary>
    public long ExpectedLength => expectedLength;

    /// <summary>Bytes readers may read.</summary>
    public long Length => Volatile.Read(ref length);

    public bool IsComplete => Volatile.Read(ref state) == 1;

    public bool IsFailed => Volatile.Read(ref state) == 2;

    public Exception? Failure => failure;

    /// <summary>True when a known-length body has all its bytes (the writer then stops reading).</summary>
    public bool IsFull => expectedLength >= 0 && length == expectedLength;

    /// <summary>Writer only: where the next bytes go.</summary>
    public Memory<byte> GetWriteMemory()
    {
        var index = (int)(length / chunkSize);
        var within = (int)(length % chunkSize);
        if (index == chunks.Length)
        {
            var grown = new byte[chunks.Length + 1][];
            chunks.CopyTo(grown, 0);
            grown[^1] = GC.AllocateUninitializedArray<byte>(chunkSize);
            Volatile.Write(ref chunks, grown);
        }

        var room = chunkSize - within;
        if (expectedLength >= 0)
        {
            room = (int)Math.Min(room, expectedLength - length);
        }

        return chunks[index].AsMemory(within, room);
    }

    /// <summary>Writer only: publishes <paramref name="count"/> more bytes and wakes the readers.</summary>
    public void Advance(int count)
    {
        Volatile.Write(ref length, length + count);
        Wake();
    }

    public void Complete()
    {
        Volatile.Write(ref state, 1);
        Wake();
    }

    public void Fail(Exception e)
    {
        failure = e;
        Volatile.Write(ref state, 2);
        Wake();
    }

    /// <summary>Completes when there are bytes past <paramref name="offset"/>, or the fill has ended either way.</summary>
    public ValueTask WaitAsync(long offset, CancellationToken cancellationToken)
    {
        // The signal first: an Advance after this read sets it, an Advance before it shows in Length.
        var next = Volatile.Read(ref signal);
        if (Volatile.Read(ref length) > offset || Volatile.Read(ref state) != 0)
        {
            return ValueTask.CompletedTask;
        }

        return new ValueTask(next.Task.WaitAsync(cancellationToken));
    }

    /// <summary>Up to <paramref name="maxBytes"/> published bytes from <paramref name="offset"/>, within one chunk.</summary>
    public ReadOnlyMemory<byte> Read(long offset, long maxBytes)
    {
        var available = Volatile.Read(ref length) - offset;
        if (available <= 0 || maxBytes <= 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var current = Volatile.Read(ref chunks);
        var index = (int)(offset / chunkSize);
        var within = (int)(offset % chunkSize);
        var count = (int)Math.Min(Math.Min(available, maxBytes), chunkSize - within);
        return current[index].AsMemory(within, count);
    }

    /// <summary>The whole body as one array; the buffer's own when it is a single exact-size array.</summary>
    public byte[] ToArray()
    {
        var total = Length;
        var current = Volatile.Read(ref chunks);
        if (current.Length == 1 && current[0].Length == total)
        {
            return current[0];
        }

        var result = GC.AllocateUninitializedArray<byte>(checked((int)total));
        for (long offset = 0; offset < total;)
        {
            var piece = Read(offset, total - offset);
            piece.Span.CopyTo(result.AsSpan((int)offset));
            offset += piece.Length;
        }

        return result;
    }

    private void Wake() =>
        Interlocked.Exchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
