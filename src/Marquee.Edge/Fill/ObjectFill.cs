namespace Marquee.Edge.Fill;

/// <summary>
/// One upstream fetch of one object and everyone waiting on it. Runs on its own, not on any request's
/// cancellation, so a waiter that disconnects leaves the others (and the cache) unaffected.
/// </summary>
internal sealed class ObjectFill
{
    private readonly TaskCompletionSource<FillHead> head = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool stored;

    public ObjectFill(string key) => Key = key;

    public string Key { get; }

    public Task<FillHead> Head => head.Task;

    /// <summary>True once the whole body has arrived; false when the fetch failed. Never faults.</summary>
    public Task<bool> Completion => completion.Task;

    /// <summary>The requests that read from this fill (prefetches are not readers).</summary>
    public FillReaders Readers { get; } = new();

    /// <summary>Whether the object went into the cache (disk or memory); false for a pass-through.</summary>
    public bool Stored => stored;

    /// <summary>A place for one more request to read from, or null when this fill cannot serve it from the start.</summary>
    public FillReader? TryAddReader() => Readers.TryAdd(this);

    public void SetHead(FillHead value)
    {
        if (value.Body is { } body)
        {
            Readers.Attach(body);
        }

        head.TrySetResult(value);
    }

    public void Finish(bool complete, bool wasStored)
    {
        stored = wasStored;
        completion.TrySetResult(complete);
    }
}
