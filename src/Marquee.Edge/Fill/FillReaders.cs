namespace Marquee.Edge.Fill;

/// <summary>
/// The requests reading one fill. It counts them (the hot tier takes a fill more than one waited for), knows
/// where each one is (a bounded window may overwrite only what every reader has sent), wakes a fill that waits
/// for them, and releases the body when the fill and the last reader are done with it: a cache file stays open
/// for its readers after it was published or deleted, and window buffers go back to the pool.
/// </summary>
internal sealed class FillReaders
{
    private readonly Lock gate = new();
    private readonly List<FillReader> active = [];

    // The fill itself counts until it ends, so the body outlives it only for readers still sending.
    private int participants = 1;
    private int joined;
    private bool closed;
    private FillBody? body;
    private TaskCompletionSource? waiter;

    /// <summary>Every request that joined, including those gone since.</summary>
    public int Joined => Volatile.Read(ref joined);

    /// <summary>Held while a window decides what it may overwrite, so no reader joins or starts in between.</summary>
    internal Lock Gate => gate;

    /// <summary>A new reader at <see cref="FillReader.Pending"/>; null when the fill can no longer serve one from the start.</summary>
    public FillReader? TryAdd(ObjectFill fill)
    {
        lock (gate)
        {
            if (closed || participants == 0)
            {
                return null;
            }

            var reader = new FillReader(fill, this);
            active.Add(reader);
            participants++;
            joined++;
            return reader;
        }
    }

    /// <summary>The body to release when everyone is done.</summary>
    public void Attach(FillBody fillBody)
    {
        lock (gate)
        {
            body = fillBody;
        }
    }

    /// <summary>The fill has ended (completed, failed, or never had a body).</summary>
    public void FillEnded() => Leave(null);

    /// <summary>Under <see cref="Gate"/>: no reader may join from now on (the window has overwritten its first bytes).</summary>
    internal void CloseToNewReaders() => closed = true;

    /// <summary>
    /// Under <see cref="Gate"/>: the first byte some reader still needs, counting none below
    /// <paramref name="floor"/>; a reader not yet started counts as needing <paramref name="floor"/>, one standing
    /// aside as needing nothing. <see cref="long.MaxValue"/> when no reader needs anything.
    /// </summary>
    internal long SlowestPosition(long floor)
    {
        var slowest = long.MaxValue;
        foreach (var reader in active)
        {
            var position = reader.Position;
            if (position == FillReader.Aside)
            {
                continue;
            }

            slowest = Math.Min(slowest, Math.Max(position, floor));
        }

        return slowest;
    }

    /// <summary>For a fill about to wait for readers: completes at the next move. Check for room after calling this.</summary>
    internal Task NextMove()
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref waiter, next);
        return next.Task;
    }

    /// <summary>A reader moved or left: wake the fill if it waits. Costs one read when it does not.</summary>
    internal void Moved()
    {
        if (Volatile.Read(ref waiter) is not null)
        {
            Interlocked.Exchange(ref waiter, null)?.TrySetResult();
        }
    }

    internal void Remove(FillReader reader)
    {
        Leave(reader);
        Moved();
    }

    private void Leave(FillReader? reader)
    {
        FillBody? release = null;
        lock (gate)
        {
            if (reader is not null)
            {
                active.Remove(reader);
            }

            if (--participants == 0)
            {
                release = body;
                body = null;
            }
        }

        release?.Release();
    }
}
