namespace Marquee.Edge.Fill;

/// <summary>
/// One upstream fetch of one object and everyone waiting on it. Runs on its own, not on any request's
/// cancellation, so a waiter that disconnects leaves the others (and the cache) unaffected.
/// </summary>
internal sealed class ObjectFill(string key)
{
    private readonly TaskCompletionSource<FillHead> head = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int readers;
    private volatile bool stored;

    public string Key { get; } = key;

    public Task<FillHead> Head => head.Task;

    /// <summary>True once the whole body has arrived; false when the fetch failed. Never faults.</summary>
    public Task<bool> Completion => completion.Task;

    /// <summary>Requests that read from this fill (prefetches are not readers).</summary>
    public int Readers => Volatile.Read(ref readers);

    /// <summary>Whether the object went into the cache (disk or memory); false for a pass-through.</summary>
    public bool Stored => stored;

    public void AddReader() => Interlocked.Increment(ref readers);

    public void SetHead(FillHead value) => head.TrySetResult(value);

    public void Finish(bool complete, bool wasStored)
    {
        stored = wasStored;
        completion.TrySetResult(complete);
    }
}
