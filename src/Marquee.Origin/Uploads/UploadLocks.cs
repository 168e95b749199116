namespace Marquee.Origin.Uploads;

/// <summary>
/// One gate per upload id, so that two requests never write the same upload at once. Entries live only while
/// someone holds or waits for them, so the table does not grow with the number of uploads ever seen.
/// </summary>
internal sealed class UploadLocks
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>Takes the lock on <paramref name="id"/>, waiting at most <paramref name="wait"/>; null when it is held.</summary>
    /// <remarks>The wait is in real time on purpose: it bounds how long a request stalls, which is not business time.</remarks>
    public async Task<UploadLease?> TryAcquireAsync(string id, TimeSpan wait, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(id, out gate!))
            {
                gate = new Gate();
                _gates.Add(id, gate);
            }

            gate.Users++;
        }

        var acquired = false;
        try
        {
            acquired = await gate.Semaphore.WaitAsync(wait, cancellationToken);
        }
        finally
        {
            if (!acquired)
            {
                Leave(id, gate);
            }
        }

        return acquired ? new UploadLease(() => Release(id, gate)) : null;
    }

    private void Release(string id, Gate gate)
    {
        gate.Semaphore.Release();
        Leave(id, gate);
    }

    private void Leave(string id, Gate gate)
    {
        lock (_gates)
        {
            gate.Users--;
            if (gate.Users == 0)
            {
                _gates.Remove(id);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
