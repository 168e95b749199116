namespace Marquee.Edge.Fill;

/// <summary>
/// The body of one fill as it arrives, shared by every request reading it: one writer (the fill) appends, any
/// number of readers send what is there and wait for more. Bytes, once published through <see cref="Length"/>,
/// never change, so readers need no lock. Where the bytes live is the subclass's business: in one array
/// (<see cref="MemoryBody"/>) or in the cache file and a bounded window (<see cref="StreamedBody"/>).
/// </summary>
internal abstract class FillBody
{
    private long length;
    private int state;
    private Exception? failure;
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected FillBody(long expectedLength) => ExpectedLength = expectedLength;

    /// <summary>-1 when the upstream did not say.</summary>
    public long ExpectedLength { get; }

    /// <summary>Bytes readers may read.</summary>
    public long Length => Volatile.Read(ref length);

    public bool IsComplete => Volatile.Read(ref state) == 1;

    public bool IsFailed => Volatile.Read(ref state) == 2;

    public Exception? Failure => failure;

    /// <summary>True when a known-length body has all its bytes (the writer then stops reading).</summary>
    public bool IsFull => ExpectedLength >= 0 && Length == ExpectedLength;

    /// <summary>
    /// Whether every byte stays readable until the fill ends, so a request may wait for the end before sending
    /// anything (a playlist to rewrite, a range of a body of unknown length). False for a bounded window.
    /// </summary>
    public abstract bool KeepsWhole { get; }

    /// <summary>Whether bytes 0 to <see cref="Length"/> can all still be read (a window that moved on cannot).</summary>
    public abstract bool HasWhole { get; }

    /// <summary>Whether the bytes are still going to the cache file (false: a pass-through, unless the hot tier takes it).</summary>
    public abstract bool IsCaching { get; }

    /// <summary>Writer only: where the next bytes go, once there is room for them.</summary>
    public abstract ValueTask<Memory<byte>> GetWriteMemoryAsync(CancellationToken cancellationToken);

    /// <summary>Writer only: stores <paramref name="count"/> bytes written into the last write memory and publishes them.</summary>
    public abstract ValueTask AdvanceAsync(int count, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="maxBytes"/> published bytes from <paramref name="offset"/> (empty when none are there
    /// yet), valid until <paramref name="reader"/> reads again. Only for offsets the reader holds its place at.
    /// </summary>
    public abstract ValueTask<ReadOnlyMemory<byte>> ReadAsync(FillReader reader, long offset, int maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// The whole body as one array, once complete and <see cref="HasWhole"/> (a playlist to rewrite): copied out
    /// piece by piece, unless the body already is one array.
    /// </summary>
    public virtual async ValueTask<byte[]> ToArrayAsync(FillReader reader, CancellationToken cancellationToken)
    {
        var result = GC.AllocateUninitializedArray<byte>(checked((int)Length));
        for (var offset = 0; offset < result.Length;)
        {
            var piece = await ReadAsync(reader, offset, result.Length - offset, cancellationToken);
            if (piece.IsEmpty)
            {
                throw new IOException("The body is shorter than it was published as.");
            }

            piece.CopyTo(result.AsMemory(offset));
            offset += piece.Length;
        }

        return result;
    }

    /// <summary>The writer's cache file, for publishing; null when there is none (any more).</summary>
    public abstract Caching.CacheFileWriter? CacheWriter { get; }

    public void Complete()
    {
        Volatile.Write(ref state, 1);
        Wake();
    }

    /// <summary>The fill broke off: the cache file is deleted and every reader's response is broken.</summary>
    public void Fail(Exception e)
    {
        CacheWriter?.Abandon();
        failure = e;
        Volatile.Write(ref state, 2);
        Wake();
    }

    /// <summary>Completes when there are bytes past <paramref name="offset"/>, or the fill has ended either way.</summary>
    public ValueTask WaitAsync(long offset, CancellationToken cancellationToken)
    {
        // The signal first: a Publish after this read sets it, a Publish before it shows in Length.
        var next = Volatile.Read(ref signal);
        if (Volatile.Read(ref length) > offset || Volatile.Read(ref state) != 0)
        {
            return ValueTask.CompletedTask;
        }

        return new ValueTask(next.Task.WaitAsync(cancellationToken));
    }

    /// <summary>Called once, when the fill and the last of its readers are done: give back what the body holds.</summary>
    public virtual void Release()
    {
    }

    /// <summary>Writer only: <paramref name="count"/> more bytes are readable; wakes the readers.</summary>
    protected void Publish(int count)
    {
        Volatile.Write(ref length, length + count);
        Wake();
    }

    private void Wake() =>
        Interlocked.Exchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
